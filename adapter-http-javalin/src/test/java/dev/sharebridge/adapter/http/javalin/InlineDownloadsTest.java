package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sharebridge.adapter.http.javalin.internal.Downloads;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.share.SharePermissions;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inline answers ({@code ?inline=1}) of the owner's and the link's downloads: the type from the
 * name, inline only for previewable types, a sandbox policy and nosniff on every file answer,
 * seeking by Range (206) for video; HTML, SVG and scripts stay attachments of octet-stream.
 */
class InlineDownloadsTest extends ApiTestSupport {
    private String folderToken;

    @BeforeEach
    void files() throws Exception {
        putFile("pub/clip.mp4", "0123456789");
        putFile("pub/notes.md", "# <script>alert(1)</script>");
        putFile("pub/report.pdf", "%PDF-1.4");
        putFile("pub/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>");
        putFile("pub/page.html", "<script>alert(1)</script>");
        putFile("pub/pic.png", "not really a png");
        folderToken = shares.add(
                        ALICE, ItemPath.parse("pub"), Optional.empty(), SharePermissions.DEFAULT, Optional.empty())
                .token()
                .value();
    }

    private HttpResponse<String> link(String path) {
        return send(req("/api/s/" + folderToken + path));
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    private static void assertInline(HttpResponse<?> r, String type, String policy) {
        assertThat(header(r, "Content-Type")).isEqualTo(type);
        assertThat(header(r, "Content-Disposition")).startsWith("inline; filename=");
        assertThat(header(r, "Content-Security-Policy")).isEqualTo(policy);
        assertThat(r.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    }

    private static void assertAttachment(HttpResponse<?> r, String type) {
        assertThat(header(r, "Content-Type")).isEqualTo(type);
        assertThat(header(r, "Content-Disposition")).startsWith("attachment; filename=");
        assertThat(header(r, "Content-Security-Policy")).isEqualTo(Downloads.FILE_CSP);
        assertThat(r.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void videoIsInlineSandboxedAndSeekable() {
        HttpResponse<String> part = send(
                req("/api/s/" + folderToken + "/download/clip.mp4?inline=1").header("Range", "bytes=4-7"));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo("4567");
        assertThat(header(part, "Accept-Ranges")).isEqualTo("bytes");
        assertThat(header(part, "Content-Range")).isEqualTo("bytes 4-7/10");
        assertInline(part, "video/mp4", Downloads.INLINE_CSP);
        assertThat(Downloads.INLINE_CSP).startsWith("sandbox; default-src 'none'");
    }

    @Test
    void downloadsStayAttachmentsWithTheirType() {
        HttpResponse<String> r = link("/download/clip.mp4");
        assertThat(r.statusCode()).isEqualTo(200);
        assertAttachment(r, "video/mp4");
        assertAttachment(link("/download/report.pdf?inline=0"), "application/pdf");
    }

    @Test
    void markdownIsShownAsPlainUtf8Text() {
        HttpResponse<String> r = link("/download/notes.md?inline=1");
        assertThat(r.body()).isEqualTo("# <script>alert(1)</script>");
        assertInline(r, "text/plain;charset=utf-8", Downloads.INLINE_CSP); // as Jetty writes it
    }

    @Test
    void pdfIsInlineAndSandboxedToo() {
        HttpResponse<String> r = link("/download/report.pdf?inline=1");
        assertInline(r, "application/pdf", Downloads.INLINE_CSP);
        assertThat(Downloads.INLINE_CSP).contains("frame-ancestors 'self'");
    }

    @Test
    void htmlSvgAndScriptsAreNeverInline() {
        assertAttachment(link("/download/page.html?inline=1"), "application/octet-stream");
        assertAttachment(link("/download/logo.svg?inline=1"), "application/octet-stream");
        assertAttachment(get("/api/files/pub/page.html?inline=1"), "application/octet-stream");
        // HEAD says the same as GET
        HttpResponse<String> head = send(
                req("/api/s/" + folderToken + "/download/logo.svg?inline=1").method("HEAD", noBody()));
        assertAttachment(head, "application/octet-stream");
    }

    @Test
    void theOwnersDownloadIsInlineToo() {
        HttpResponse<String> r = get("/api/files/pub/pic.png?inline=1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertInline(r, "image/png", Downloads.INLINE_CSP);
        assertAttachment(get("/api/files/pub/pic.png"), "image/png");
    }

    @Test
    void listingsSayHowAFileIsPreviewed() {
        JsonNode children = json(link("/list")).get("children");
        assertThat(children)
                .extracting(c -> c.get("name").asText() + "=" + c.get("preview").asText())
                .containsExactlyInAnyOrder(
                        "clip.mp4=video",
                        "logo.svg=null",
                        "notes.md=text",
                        "page.html=null",
                        "pic.png=image",
                        "report.pdf=pdf");
        JsonNode owner = json(get("/api/folders/pub")).get("children");
        assertThat(owner).extracting(c -> c.get("preview").asText()).contains("video", "pdf", "null");
    }

    private static java.net.http.HttpRequest.BodyPublisher noBody() {
        return java.net.http.HttpRequest.BodyPublishers.noBody();
    }
}
