package dev.sharebridge.adapter.preview.imageio;

import dev.sharebridge.application.port.out.preview.Thumbnail;
import dev.sharebridge.application.port.out.preview.ThumbnailRefusedException;
import dev.sharebridge.application.port.out.preview.ThumbnailRefusedException.Reason;
import dev.sharebridge.application.port.out.preview.Thumbnailer;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Thumbnails of JPEG, PNG, GIF (its first frame) and BMP files with the JDK's own ImageIO
 * plug-ins (never another plug-in that may be on the class path), the type chosen by the file's
 * name. The input is untrusted, so, in this order:
 *
 * <ul>
 *   <li>files above {@link Limits#maxFileBytes()} are not read, and reading stops there whatever
 *       the storage said the size was;
 *   <li>the picture's size is read from its header ({@link ImageReader#getWidth}, which reads no
 *       pixel) and a picture of more than {@link Limits#maxPixels()} or with a side longer than
 *       {@link Limits#maxSide()} is refused before anything is decoded: a small file announcing
 *       100000 × 100000 pixels costs a few bytes read;
 *   <li>the pixels are decoded with subsampling ({@link ImageReadParam#setSourceSubsampling}), so
 *       the decoded picture is at most about twice the thumbnail's edge on its longer side, and
 *       memory stays small whatever the picture;
 *   <li>a decode still running after {@link Limits#deadline()} is stopped ({@link
 *       ImageReader#abort()} from a timer, and the input fails its next read).
 * </ul>
 *
 * A file the reader warns about (a truncated JPEG, which the reader would fill with grey) is
 * refused as unreadable. The thumbnail is a PNG when the picture has transparency, else a JPEG.
 * Nothing is cached on disk (ImageIO's file caches are not used).
 */
public final class ImageIoThumbnailer implements Thumbnailer, AutoCloseable {

    /**
     * @param maxFileBytes larger files are not read
     * @param maxPixels pictures announcing more pixels (width × height) are not decoded
     * @param maxSide pictures announcing a longer side are not decoded (bounds one row's buffer)
     * @param deadline a thumbnail not made within this is given up
     */
    public record Limits(long maxFileBytes, long maxPixels, int maxSide, Duration deadline) {
        public static final Limits DEFAULTS = new Limits(50L * 1024 * 1024, 40_000_000L, 30_000, Duration.ofSeconds(2));

        public Limits {
            Objects.requireNonNull(deadline, "deadline");
            if (maxFileBytes < 1 || maxPixels < 1 || maxSide < 1 || deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("thumbnail limits must be positive");
            }
        }
    }

    /** File name extension to the JDK plug-in's format name. */
    private static final Map<String, String> FORMATS = Map.of(
            "jpg", "jpeg",
            "jpeg", "jpeg",
            "jpe", "jpeg",
            "png", "png",
            "gif", "gif",
            "bmp", "bmp");

    /** The package of the JDK's own ImageIO plug-ins. */
    private static final String JDK_PLUGINS = "com.sun.imageio.plugins.";

    private static final float JPEG_QUALITY = 0.85f;

    private final Limits limits;
    private final LongSupplier nanoTime;
    private final ScheduledThreadPoolExecutor timer;

    public ImageIoThumbnailer() {
        this(Limits.DEFAULTS);
    }

    public ImageIoThumbnailer(Limits limits) {
        this(limits, System::nanoTime);
    }

    ImageIoThumbnailer(Limits limits, LongSupplier nanoTime) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "thumbnail-deadlines");
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public boolean supports(String fileName) {
        return format(fileName) != null;
    }

    @Override
    public Thumbnail thumbnail(InputStream image, String fileName, long size, int maxEdge)
            throws ThumbnailRefusedException {
        String format = format(fileName);
        if (format == null) {
            throw new ThumbnailRefusedException(Reason.UNSUPPORTED_TYPE, "not a type thumbnails are made of");
        }
        if (maxEdge < 1) {
            throw new IllegalArgumentException("maxEdge < 1");
        }
        if (size > limits.maxFileBytes()) {
            throw new ThumbnailRefusedException(Reason.TOO_LARGE, "the file is larger than thumbnails are made of");
        }
        ImageReader reader = jdkReader(format);
        long deadline = nanoTime.getAsLong() + limits.deadline().toNanos();
        Guarded input = new Guarded(image, limits.maxFileBytes(), deadline, nanoTime);
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> alarm = timer.schedule(
                () -> {
                    late.set(true);
                    reader.abort();
                },
                limits.deadline().toNanos(),
                TimeUnit.NANOSECONDS);
        try (ImageInputStream in = new MemoryCacheImageInputStream(input)) {
            AtomicBoolean warned = new AtomicBoolean();
            reader.addIIOReadWarningListener((source, warning) -> warned.set(true));
            reader.setInput(in, true, true);
            int width = reader.getWidth(0); // the header only: no pixel is read yet
            int height = reader.getHeight(0);
            checkDimensions(width, height);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.max(width, height) / (2 * maxEdge));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage decoded = reader.read(0, param);
            if (late.get() || input.late) {
                throw tooSlow();
            }
            if (warned.get() || decoded == null) {
                throw new ThumbnailRefusedException(Reason.UNREADABLE, "the picture is damaged");
            }
            return encode(scale(decoded, width, height, maxEdge));
        } catch (ThumbnailRefusedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO's plug-ins answer some malformed input with runtime exceptions
            if (late.get() || input.late) {
                throw tooSlow();
            }
            if (input.tooLong) {
                throw new ThumbnailRefusedException(Reason.TOO_LARGE, "the file is larger than thumbnails are made of");
            }
            throw new ThumbnailRefusedException(Reason.UNREADABLE, "not a picture of its type");
        } finally {
            alarm.cancel(false);
            reader.dispose();
        }
    }

    private void checkDimensions(int width, int height) throws ThumbnailRefusedException {
        if (width < 1 || height < 1) {
            throw new ThumbnailRefusedException(Reason.UNREADABLE, "the picture has no pixels");
        }
        if (width > limits.maxSide() || height > limits.maxSide() || (long) width * height > limits.maxPixels()) {
            throw new ThumbnailRefusedException(
                    Reason.TOO_LARGE, "the picture has more pixels than thumbnails are made of");
        }
    }

    private static ThumbnailRefusedException tooSlow() {
        return new ThumbnailRefusedException(Reason.TOO_SLOW, "the thumbnail took too long to make");
    }

    /** The longer edge at most {@code maxEdge}, the aspect of the original picture kept; never enlarged. */
    static BufferedImage scale(BufferedImage decoded, int width, int height, int maxEdge) {
        int longer = Math.max(width, height);
        int w = width;
        int h = height;
        if (longer > maxEdge) {
            w = Math.max(1, (int) Math.round((double) width * maxEdge / longer));
            h = Math.max(1, (int) Math.round((double) height * maxEdge / longer));
        }
        boolean alpha = decoded.getColorModel().getTransparency() != Transparency.OPAQUE;
        BufferedImage out = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(decoded, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static Thumbnail encode(BufferedImage picture) throws IOException {
        boolean png = picture.getColorModel().hasAlpha();
        ImageWriter writer = jdkWriter(png ? "png" : "jpeg", picture);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (!png) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(picture, null, null), param);
        } finally {
            writer.dispose();
        }
        return new Thumbnail(
                bytes.toByteArray(), png ? "image/png" : "image/jpeg", picture.getWidth(), picture.getHeight());
    }

    private static @Nullable String format(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        return FORMATS.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The JDK's own reader of the format, never one a library on the class path added. */
    private static ImageReader jdkReader(String format) throws ThumbnailRefusedException {
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format); it.hasNext(); ) {
            ImageReader reader = it.next();
            if (reader.getClass().getName().startsWith(JDK_PLUGINS)) {
                return reader;
            }
            reader.dispose();
        }
        throw new ThumbnailRefusedException(Reason.UNSUPPORTED_TYPE, "no reader for " + format);
    }

    private static ImageWriter jdkWriter(String format, BufferedImage picture) throws IOException {
        ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(picture);
        for (Iterator<ImageWriter> it = ImageIO.getImageWriters(type, format); it.hasNext(); ) {
            ImageWriter writer = it.next();
            if (writer.getClass().getName().startsWith(JDK_PLUGINS)) {
                return writer;
            }
            writer.dispose();
        }
        throw new IOException("no writer for " + format);
    }

    /** Stops the timer of the deadlines; thumbnails under way are given up at their next read. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    /**
     * The file's bytes, at most {@code maxBytes} of them and only until {@code deadline}: past
     * either, every read fails (and says which).
     */
    private static final class Guarded extends FilterInputStream {
        private final long maxBytes;
        private final long deadline;
        private final LongSupplier nanoTime;
        private long read;
        volatile boolean late;
        volatile boolean tooLong;

        Guarded(InputStream in, long maxBytes, long deadline, LongSupplier nanoTime) {
            super(in);
            this.maxBytes = maxBytes;
            this.deadline = deadline;
            this.nanoTime = nanoTime;
        }

        private void check() throws IOException {
            if (nanoTime.getAsLong() - deadline > 0) {
                late = true;
                throw new InterruptedIOException("past the thumbnail's deadline");
            }
            if (read > maxBytes) {
                tooLong = true;
                throw new IOException("more bytes than thumbnails are made of");
            }
        }

        @Override
        public int read() throws IOException {
            check();
            int b = super.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            int n = super.read(b, off, (int) Math.min(len, maxBytes + 1 - read));
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            check();
            long skipped = super.skip(Math.min(n, maxBytes + 1 - read));
            read += skipped;
            return skipped;
        }
    }
}
