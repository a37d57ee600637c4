package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thumbnails (docs/reference.md §5 and §6) for the owner and through links, on the real server and ImageIO. */
class ThumbnailsE2eTest {
    @TempDir
    Path dir;

    private E2eServer server;
    private Http http;
    private String alice;

    @BeforeEach
    void start() throws Exception {
        server = E2eServer.start(dir);
        http = server.http();
        alice = server.addUser("alice");
        assertThat(http.put("/api/files/photos/beach.jpg", picture(1200, 800, "jpeg", false), bearer(alice))
                        .status())
                .isEqualTo(201);
        assertThat(http.put("/api/files/photos/logo.png", picture(300, 600, "png", true), bearer(alice))
                        .status())
                .isEqualTo(201);
        assertThat(http.put("/api/files/photos/notes.txt", "text".getBytes(StandardCharsets.UTF_8), bearer(alice))
                        .status())
                .isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theOwnerGetsSmallPicturesWithAValidatorAndFilesOfOtherTypesHaveNone() throws Exception {
        Http.Response jpeg = http.get("/api/thumbnails/photos/beach.jpg", bearer(alice));
        assertThat(jpeg.status()).as("%s", jpeg).isEqualTo(200);
        assertThat(jpeg.header("Content-Type")).hasValue("image/jpeg");
        assertThat(jpeg.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(jpeg.header("Content-Security-Policy"))
                .hasValueSatisfying(c -> assertThat(c).contains("sandbox"));
        assertThat(jpeg.header("Cache-Control")).hasValue("private, max-age=60");
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(jpeg.body()));
        assertThat(small.getWidth()).isEqualTo(256);
        assertThat(small.getHeight()).isEqualTo(171);

        Http.Response png = http.get("/api/thumbnails/photos/logo.png", bearer(alice));
        assertThat(png.header("Content-Type")).hasValue("image/png");
        BufferedImage tall = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(tall.getWidth()).isEqualTo(128);
        assertThat(tall.getHeight()).isEqualTo(256);

        String etag = jpeg.header("ETag").orElseThrow();
        Http.Response again =
                http.get("/api/thumbnails/photos/beach.jpg", "If-None-Match", etag, bearer(alice)[0], bearer(alice)[1]);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        // a new version of the file: another validator, so the old thumbnail is not taken for it
        assertThat(http.put("/api/files/photos/beach.jpg", picture(800, 800, "jpeg", false), bearer(alice))
                        .status())
                .isEqualTo(200);
        Http.Response changed =
                http.get("/api/thumbnails/photos/beach.jpg", "If-None-Match", etag, bearer(alice)[0], bearer(alice)[1]);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(jpeg.header("ETag"));
        assertThat(ImageIO.read(new ByteArrayInputStream(changed.body())).getHeight())
                .isEqualTo(256);

        assertThat(http.get("/api/thumbnails/photos/notes.txt", bearer(alice)).status())
                .isEqualTo(404);
        assertThat(http.get("/api/thumbnails/photos", bearer(alice)).status()).isEqualTo(404);
        assertThat(http.get("/api/thumbnails/photos/missing.jpg", bearer(alice)).status())
                .isEqualTo(404);
        assertThat(http.get("/api/thumbnails/photos/beach.jpg").status()).isEqualTo(401);
    }

    @Test
    void aReadOnlyLinkShowsThumbnailsWithoutCountingAndAFileDropShowsNone() {
        JsonNode share = createShare(Map.of("item_id", "photos", "max_accesses", 3));
        String token = share.path("token").asText();

        Http.Response thumb = http.get("/api/s/" + token + "/thumbnail/beach.jpg");
        assertThat(thumb.status()).as("%s", thumb).isEqualTo(200);
        assertThat(thumb.header("Content-Type")).hasValue("image/jpeg");
        assertThat(thumb.header("Cache-Control")).hasValue("private, max-age=60");
        String etag = thumb.header("ETag").orElseThrow();
        assertThat(http.get("/api/s/" + token + "/thumbnail/beach.jpg", "If-None-Match", etag)
                        .status())
                .isEqualTo(304);
        for (int i = 0; i < 5; i++) {
            assertThat(http.get("/api/s/" + token + "/thumbnail/logo.png").status())
                    .isEqualTo(200);
        }
        assertThat(http.get("/api/s/" + token + "/thumbnail/notes.txt").status())
                .isEqualTo(404);
        // more thumbnails than max_accesses, and none of them counted
        assertThat(ownerView(share.path("id").asText()).path("access_count").asLong())
                .isZero();

        JsonNode file = createShare(Map.of("item_id", "photos/logo.png"));
        Http.Response ofFile = http.get("/api/s/" + file.path("token").asText() + "/thumbnail");
        assertThat(ofFile.status()).as("%s", ofFile).isEqualTo(200);
        assertThat(ofFile.header("Content-Type")).hasValue("image/png");

        String drop = createShare(Map.of("item_id", "photos", "permissions", Map.of("read", false, "write", true)))
                .path("token")
                .asText();
        Http.Response refused = http.get("/api/s/" + drop + "/thumbnail/beach.jpg");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

        for (Http.Response unknown : List.of(
                http.get("/api/s/" + otherTokenLike(token) + "/thumbnail/beach.jpg"),
                http.get("/api/s/nope/thumbnail/beach.jpg"))) {
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.code()).isEqualTo("not_found");
        }
    }

    private JsonNode createShare(Map<String, Object> body) {
        Http.Response created = http.postJson("/api/shares", body, bearer(alice));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json();
    }

    private JsonNode ownerView(String id) {
        Http.Response view = http.get("/api/shares/" + id, bearer(alice));
        assertThat(view.status()).as("%s", view).isEqualTo(200);
        return view.json();
    }

    private static String otherTokenLike(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private static byte[] picture(int width, int height, String format, boolean alpha) throws IOException {
        BufferedImage image =
                new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }
}
