package dev.sharebridge.adapter.preview.imageio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.port.out.preview.Thumbnail;
import dev.sharebridge.application.port.out.preview.ThumbnailRefusedException;
import dev.sharebridge.application.port.out.preview.ThumbnailRefusedException.Reason;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real ImageIO plug-ins, on pictures made here and on hand-made malicious ones. */
class ImageIoThumbnailerTest {
    private static final int EDGE = 256;

    private final ImageIoThumbnailer thumbnailer = new ImageIoThumbnailer();

    @AfterEach
    void close() {
        thumbnailer.close();
    }

    @Test
    void aJpegBecomesAJpegWithinTheEdgeAndTheAspectKept() throws Exception {
        byte[] jpeg = picture(1200, 800, BufferedImage.TYPE_INT_RGB, "jpeg");

        Thumbnail t = thumbnailer.thumbnail(new ByteArrayInputStream(jpeg), "holiday.JPG", jpeg.length, EDGE);

        assertThat(t.mediaType()).isEqualTo("image/jpeg");
        assertThat(t.width()).isEqualTo(256);
        assertThat(t.height()).isEqualTo(171);
        BufferedImage decoded = decode(t);
        assertThat(decoded.getWidth()).isEqualTo(256);
        assertThat(decoded.getHeight()).isEqualTo(171);
        // the picture is kept: left half red, right half blue
        assertThat(new Color(decoded.getRGB(20, 85)).getRed()).isGreaterThan(200);
        assertThat(new Color(decoded.getRGB(236, 85)).getBlue()).isGreaterThan(200);
    }

    @Test
    void aPngWithTransparencyBecomesAPngAndATallOneKeepsItsAspect() throws Exception {
        byte[] png = picture(300, 1000, BufferedImage.TYPE_INT_ARGB, "png");

        Thumbnail t = thumbnailer.thumbnail(new ByteArrayInputStream(png), "scan.png", png.length, EDGE);

        assertThat(t.mediaType()).isEqualTo("image/png");
        assertThat(t.width()).isEqualTo(77);
        assertThat(t.height()).isEqualTo(256);
        assertThat(decode(t).getColorModel().hasAlpha()).isTrue();
    }

    @Test
    void aSmallPictureIsNotEnlargedAndGifAndBmpAreRead() throws Exception {
        byte[] gif = picture(40, 30, BufferedImage.TYPE_BYTE_INDEXED, "gif");
        byte[] bmp = picture(500, 500, BufferedImage.TYPE_INT_RGB, "bmp");

        Thumbnail small = thumbnailer.thumbnail(new ByteArrayInputStream(gif), "icon.gif", gif.length, EDGE);
        Thumbnail square = thumbnailer.thumbnail(new ByteArrayInputStream(bmp), "old.bmp", bmp.length, EDGE);

        assertThat(small.width()).isEqualTo(40);
        assertThat(small.height()).isEqualTo(30);
        assertThat(square.width()).isEqualTo(256);
        assertThat(square.height()).isEqualTo(256);
        assertThat(square.mediaType()).isEqualTo("image/jpeg");
    }

    @Test
    void aPngWhoseHeaderAnnouncesTenGigapixelsIsRefusedFromItsHeader() {
        byte[] bomb = pngClaiming(100_000, 100_000);
        CountingStream in = new CountingStream(bomb);

        assertThatThrownBy(() -> thumbnailer.thumbnail(in, "bomb.png", bomb.length, EDGE))
                .isInstanceOfSatisfying(
                        ThumbnailRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        // only the header was there to read: nothing was decoded from the compressed pixels
        assertThat(in.read).isLessThanOrEqualTo(bomb.length);
    }

    @Test
    void aPictureWithAVeryLongSideIsRefusedEvenWithFewPixels() {
        byte[] thin = pngClaiming(30_001, 1);

        assertThatThrownBy(() -> thumbnailer.thumbnail(new ByteArrayInputStream(thin), "line.png", thin.length, EDGE))
                .isInstanceOfSatisfying(
                        ThumbnailRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void truncatedFilesAreRefusedAsUnreadable() throws Exception {
        byte[] png = picture(600, 400, BufferedImage.TYPE_INT_RGB, "png");
        byte[] jpeg = picture(600, 400, BufferedImage.TYPE_INT_RGB, "jpeg");
        byte[] halfPng = Arrays.copyOf(png, png.length / 2);
        byte[] halfJpeg = Arrays.copyOf(jpeg, jpeg.length / 2);

        assertThatThrownBy(
                        () -> thumbnailer.thumbnail(new ByteArrayInputStream(halfPng), "cut.png", halfPng.length, EDGE))
                .isInstanceOfSatisfying(
                        ThumbnailRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE));
        assertThatThrownBy(() ->
                        thumbnailer.thumbnail(new ByteArrayInputStream(halfJpeg), "cut.jpg", halfJpeg.length, EDGE))
                .isInstanceOfSatisfying(
                        ThumbnailRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE));
    }

    @Test
    void aFileOfAnotherTypeThanItsNameIsUnreadableAndUnknownNamesAreNotSupported() throws Exception {
        byte[] text = "not a picture at all".getBytes(StandardCharsets.UTF_8);
        byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> thumbnailer.thumbnail(new ByteArrayInputStream(text), "fake.png", text.length, EDGE))
                .isInstanceOfSatisfying(
                        ThumbnailRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE));
        assertThatThrownBy(() -> thumbnailer.thumbnail(new ByteArrayInputStream(svg), "logo.svg", svg.length, EDGE))
                .isInstanceOfSatisfying(
                        ThumbnailRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_TYPE));
        assertThat(thumbnailer.supports("a.webp")).isFalse();
        assertThat(thumbnailer.supports("noextension")).isFalse();
        assertThat(thumbnailer.supports("A.JPEG")).isTrue();
    }

    @Test
    void filesLargerThanTheLimitAreNotReadEvenWhenTheStorageUnderstatesTheirSize() throws Exception {
        byte[] png = picture(600, 400, BufferedImage.TYPE_INT_RGB, "png");
        try (ImageIoThumbnailer small = new ImageIoThumbnailer(
                new ImageIoThumbnailer.Limits(1000, 40_000_000, 30_000, Duration.ofSeconds(2)))) {
            CountingStream in = new CountingStream(png);

            assertThatThrownBy(() -> small.thumbnail(new ByteArrayInputStream(png), "big.png", png.length, EDGE))
                    .isInstanceOfSatisfying(
                            ThumbnailRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
            assertThatThrownBy(() -> small.thumbnail(in, "big.png", 10, EDGE))
                    .isInstanceOfSatisfying(
                            ThumbnailRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
            assertThat(in.read).isLessThanOrEqualTo(1001);
        }
    }

    @Test
    void aThumbnailStillBeingReadAfterTheDeadlineIsGivenUp() throws Exception {
        byte[] png = picture(600, 400, BufferedImage.TYPE_INT_RGB, "png");
        // a clock that has passed the deadline by the first read of the file
        AtomicLong now = new AtomicLong();
        try (ImageIoThumbnailer timed = new ImageIoThumbnailer(
                ImageIoThumbnailer.Limits.DEFAULTS,
                () -> now.getAndAdd(Duration.ofSeconds(3).toNanos()))) {
            assertThatThrownBy(() -> timed.thumbnail(new ByteArrayInputStream(png), "slow.png", png.length, EDGE))
                    .isInstanceOfSatisfying(
                            ThumbnailRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_SLOW));
        }
    }

    /** A picture, left half red and right half blue, encoded as {@code format}. */
    static byte[] picture(int width, int height, int type, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    /**
     * A well-formed PNG (signature, IHDR with a valid CRC, one small IDAT, IEND) whose header
     * announces {@code width × height} RGBA pixels; decoding it would need width × height × 4 bytes.
     */
    static byte[] pngClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
        ihdr.put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.array());
        // zlib of a few zero bytes: far fewer than the header promises
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static BufferedImage decode(Thumbnail t) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(t.bytes()));
    }

    /** Counts the bytes taken from it. */
    static final class CountingStream extends InputStream {
        private final InputStream in;
        long read;

        CountingStream(byte[] bytes) {
            this.in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
