package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The third-party script the pages ship (tus-js-client's browser bundle, vendor/README.md): the
 * served file is the one the README pins by version and sha256, its licenses are beside it, and
 * the pages' own upload module loads it from this server.
 */
class VendoredScriptTest extends ApiTestSupport {
    private static final Pattern PINNED =
            Pattern.compile("`tus\\.min\\.js`.*?\\| (\\d+\\.\\d+\\.\\d+) \\|.*?sha256 of the file `([0-9a-f]{64})`");

    private static byte[] resource(String name) throws IOException {
        try (InputStream in =
                VendoredScriptTest.class.getClassLoader().getResourceAsStream("sharebridge-web/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theServedBundleIsThePinnedTusJsClient() throws IOException, NoSuchAlgorithmException {
        String readme = new String(resource("vendor/README.md"), StandardCharsets.UTF_8);
        Matcher pinned = PINNED.matcher(readme);
        assertThat(pinned.find()).as("vendor/README.md pins tus.min.js").isTrue();
        assertThat(pinned.group(1)).isEqualTo("4.3.1");
        HttpResponse<byte[]> served = sendBytes(req("/assets/vendor/tus.min.js"));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(sha256(served.body())).isEqualTo(pinned.group(2));
        assertThat(new String(resource("vendor/LICENSE-tus-js-client"), StandardCharsets.UTF_8))
                .contains("tus - Resumable File Uploads")
                .contains("==== js-base64", "==== url-parse", "==== buffer", "==== ieee754");
    }

    @Test
    void theUploadModuleLoadsTheBundleFromThisServer() throws IOException {
        String module = new String(resource("lib/tus-upload.js"), StandardCharsets.UTF_8);
        assertThat(PageModules.imports("/assets/lib/tus-upload.js", module)).contains("/assets/vendor/tus.min.js");
        assertThat(sendBytes(req("/assets/vendor/tus.min.js.map")).statusCode()).isEqualTo(404);
        assertThat(sendBytes(req("/assets/vendor/LICENSE-tus-js-client")).statusCode())
                .isEqualTo(404);
    }
}
