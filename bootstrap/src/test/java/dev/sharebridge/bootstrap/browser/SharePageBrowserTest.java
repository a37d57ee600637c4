package dev.sharebridge.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sharebridge.bootstrap.Sharebridge;
import dev.sharebridge.bootstrap.config.SharebridgeConfig;
import dev.sharebridge.domain.user.UserId;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The share page in a real headless Chromium (Debian's chromium + chromium-driver), driven like a
 * visitor would: password, folder navigation, download, upload, not found. Screenshots are kept
 * in {@code bootstrap/target/screenshots} for reviewers.
 */
class SharePageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String PASSWORD = "blue-harbour-lantern-42";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static Sharebridge server;
    private static String base;
    private static String token;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private WebDriver driver;
    private Path downloads;
    private String testName;

    @BeforeAll
    static void startServer() throws Exception {
        boolean haveBrowser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!haveBrowser && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("chromium and chromium-driver are not installed (.ci/run installs them)");
        }
        Map<String, String> env = new HashMap<>();
        String toml = """
                [server]
                bind = "127.0.0.1"
                port = 0
                data_dir = "%s"
                [security]
                bcrypt_cost = 10
                verify_failures_per_client = 3
                """.formatted(data.toString().replace("\\", "\\\\"));
        server = Sharebridge.open(SharebridgeConfig.parse("browser-test.toml", toml, env));
        int port = server.start();
        base = "http://127.0.0.1:" + port;
        token = server.addUser().add(UserId.of("alice")).token();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void startBrowser(TestInfo info, @TempDir Path dir) {
        testName = info.getTestMethod().orElseThrow().getName();
        downloads = dir;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1100,900");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (driver != null) {
            shot("last");
            driver.quit();
        }
    }

    private void shot(String step) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve("share-page-" + testName + "-" + step + ".png"), png);
    }

    private WebElement visible(String id) {
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private void waitForText(String id, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    private static HttpResponse<String> api(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && path.startsWith("/api/shares")) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void upload(String path, String content) throws Exception {
        assertThat(api("PUT", "/api/files/" + path, content).statusCode()).isIn(200, 201);
    }

    private static String share(String json) throws Exception {
        HttpResponse<String> r = api("POST", "/api/shares", json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode node = JSON.readTree(r.body());
        return node.get("url").asText();
    }

    @Test
    void aVisitorOpensAPasswordFolderNavigatesAndDownloads() throws Exception {
        upload("trip/readme.txt", "read me first");
        upload("trip/photos/beach.txt", "sand and sea");
        String url = share("""
                {"item_id": "trip", "password": "%s"}""".formatted(PASSWORD));

        driver.get(url);
        WebElement password = visible("password");
        shot("password-form");
        password.sendKeys("not-the-password");
        driver.findElement(By.id("password-submit")).click();
        waitForText("password-error", "Wrong password");
        shot("wrong-password");

        password.clear();
        password.sendKeys(PASSWORD);
        driver.findElement(By.id("password-submit")).click();
        visible("view-folder");
        waitForText("items", "readme.txt");
        assertThat(driver.findElement(By.id("items")).getText()).contains("photos");
        shot("folder");

        driver.findElement(By.linkText("photos")).click();
        waitForText("items", "beach.txt");
        assertThat(driver.findElement(By.id("crumbs")).getText()).contains("photos");
        shot("subfolder");
        driver.findElement(By.partialLinkText("Back to")).click();
        waitForText("items", "readme.txt");

        driver.findElement(By.cssSelector("a[aria-label='Download readme.txt']"))
                .click();
        File file = downloads.resolve("readme.txt").toFile();
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> file.isFile() && file.length() > 0);
        assertThat(Files.readString(file.toPath(), StandardCharsets.UTF_8)).isEqualTo("read me first");
    }

    @Test
    void tooManyWrongPasswordsShowTheWaitingTime() throws Exception {
        upload("locked/a.txt", "a");
        String url = share("""
                {"item_id": "locked", "password": "%s"}""".formatted(PASSWORD));
        driver.get(url);
        WebElement password = visible("password");
        for (int i = 0; i < 4; i++) {
            password.clear();
            password.sendKeys("wrong-" + i);
            new WebDriverWait(driver, Duration.ofSeconds(15))
                    .until(ExpectedConditions.elementToBeClickable(By.id("password-submit")))
                    .click();
            new WebDriverWait(driver, Duration.ofSeconds(15))
                    .until(d -> d.findElement(By.id("password-error")).isDisplayed());
        }
        waitForText("password-error", "Too many attempts");
        assertThat(driver.findElement(By.id("password-error")).getText())
                .matches("Too many attempts\\. Try again in \\d+ s\\.");
        shot("throttled");
    }

    @Test
    void aVisitorUploadsTwoFilesAndSeesThemListed(@TempDir Path local) throws Exception {
        upload("inbox/existing.txt", "already here");
        String url = share("""
                {"item_id": "inbox", "permissions": {"read": true, "write": true, "reshare": false}}""");
        Path one = Files.writeString(local.resolve("one.txt"), "first upload");
        Path two = Files.writeString(local.resolve("two.txt"), "second upload");

        driver.get(url);
        visible("view-upload");
        waitForText("items", "existing.txt");
        driver.findElement(By.id("file-input")).sendKeys(one + "\n" + two);
        waitForText("uploads", "Uploaded");
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector("#uploads .done")).size() == 2);
        waitForText("items", "two.txt");
        assertThat(driver.findElement(By.id("items")).getText()).contains("one.txt", "two.txt", "existing.txt");
        shot("uploaded");

        HttpResponse<String> stored = api("GET", "/api/files/inbox/two.txt", null);
        assertThat(stored.body()).isEqualTo("second upload");
    }

    private Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    /** Chooses path in the file input id, with the rows of earlier uploads gone first. */
    private void choose(String id, Path path) {
        script("document.getElementById('uploads').textContent = '';");
        driver.findElement(By.id(id)).sendKeys(path.toString());
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> !d.findElements(By.cssSelector("#uploads .up-total.complete, #uploads .up-total.bad"))
                        .isEmpty());
    }

    private static byte[] download(String path) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/files/" + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }

    @Test
    void aVisitorUploadsAFolderTreeAndAFileOfSeveralChunksThroughAWritableLink(@TempDir Path local) throws Exception {
        upload("team/docs/existing.txt", "already here");
        String url = share("""
                {"item_id": "team", "permissions": {"read": true, "write": true, "reshare": false}}""");
        Path trip = OwnerAppBrowserTest.folderTree(local);

        driver.get(url);
        visible("view-upload");
        waitForText("items", "docs");
        driver.findElement(By.linkText("docs")).click();
        waitForText("items", "existing.txt");
        choose("folder-input", trip);
        assertThat(driver.findElements(By.cssSelector("#uploads .up-total.complete")))
                .as(driver.findElement(By.id("uploads")).getText())
                .hasSize(1);
        assertThat(driver.findElement(By.id("uploads")).getText())
                .contains("trip/readme.txt", "trip/photos/2024/sun.txt", "3 of 3 done");
        waitForText("items", "trip");
        shot("folder-uploaded");
        assertThat(api("GET", "/api/files/team/docs/trip/readme.txt", null).body())
                .isEqualTo("read me first");
        assertThat(api("GET", "/api/files/team/docs/trip/photos/beach.txt", null)
                        .body())
                .isEqualTo("sand and sea");
        assertThat(api("GET", "/api/files/team/docs/trip/photos/2024/sun.txt", null)
                        .body())
                .isEqualTo("sunny");

        int mib = 1024 * 1024;
        byte[] big = OwnerAppBrowserTest.numbered(3 * mib + 1);
        Path bigFile = Files.write(local.resolve("big.bin"), big);
        script("window.sharebridgeUploadChunkSize = " + mib + "; performance.clearResourceTimings();");
        choose("file-input", bigFile);
        assertThat(driver.findElements(By.cssSelector("#uploads .up-total.complete")))
                .as(driver.findElement(By.id("uploads")).getText())
                .hasSize(1);
        assertThat(script("return performance.getEntriesByType('resource').filter(function (e) {"
                        + " return /\\/uploads\\/[^/]+$/.test(e.name); }).length"))
                .as("four PATCHes")
                .isEqualTo(4L);
        assertThat(download("team/docs/big.bin")).isEqualTo(big);
    }

    @Test
    void aFileDropSaysWhyAnExistingNameIsRefused(@TempDir Path local) throws Exception {
        upload("letters/taken.txt", "the owner's");
        String url = share("""
                {"item_id": "letters", "permissions": {"read": false, "write": true, "reshare": false}}""");
        Path doc = Files.writeString(local.resolve("taken.txt"), "a visitor's");
        driver.get(url);
        visible("view-upload");
        choose("file-input", doc);
        assertThat(driver.findElements(By.cssSelector("#uploads .up-total.bad")))
                .hasSize(1);
        assertThat(driver.findElement(By.cssSelector("#uploads .failed")).getText())
                .startsWith("Not allowed");
        shot("refused");
        assertThat(api("GET", "/api/files/letters/taken.txt", null).body()).isEqualTo("the owner's");
    }

    @Test
    void aFileDropShowsOnlyTheUploadArea(@TempDir Path local) throws Exception {
        upload("drop/secret.txt", "not for visitors");
        String url = share("""
                {"item_id": "drop", "permissions": {"read": false, "write": true, "reshare": false}}""");
        Path doc = Files.writeString(local.resolve("report.txt"), "my report");
        driver.get(url);
        visible("view-upload");
        assertThat(driver.findElement(By.id("view-folder")).isDisplayed()).isFalse();
        assertThat(driver.getPageSource()).doesNotContain("secret.txt");
        driver.findElement(By.id("file-input")).sendKeys(doc.toString());
        waitForText("uploads", "Uploaded");
        shot("file-drop");
        assertThat(api("GET", "/api/files/drop/report.txt", null).body()).isEqualTo("my report");
    }

    @Test
    void aVisitorOfAPasswordFolderUploadsWithTheGrantCookie(@TempDir Path local) throws Exception {
        upload("vault/existing.txt", "already here");
        String url = share("""
                {"item_id": "vault", "password": "%s", "permissions": {"read": true, "write": true, "reshare": false}}""".formatted(PASSWORD));
        Path doc = Files.writeString(local.resolve("mine.txt"), "uploaded with the cookie");

        driver.get(url);
        visible("password").sendKeys(PASSWORD);
        driver.findElement(By.id("password-submit")).click();
        visible("view-upload");
        waitForText("items", "existing.txt");
        driver.findElement(By.id("file-input")).sendKeys(doc.toString());
        waitForText("uploads", "Uploaded");
        shot("uploaded-with-cookie");

        assertThat(api("GET", "/api/files/vault/mine.txt", null).body()).isEqualTo("uploaded with the cookie");
    }

    /**
     * Another site's page (here: another port of the same host, a sibling origin that gets the
     * {@code SameSite=Lax} cookie) makes the visitor's browser send the grant cookie with writes
     * of its own: a folder, and a reshare as a {@code text/plain} body, which a browser sends
     * without asking the server first. Neither changes anything.
     */
    @Test
    void anotherSitesPageCannotWriteWithTheVisitorsGrantCookie() throws Exception {
        upload("safe/existing.txt", "already here");
        String url = share("""
                {"item_id": "safe", "password": "%s", "permissions": {"read": true, "write": true, "reshare": true}}""".formatted(PASSWORD));
        String token = url.substring(url.lastIndexOf('/') + 1);
        String api = base + "/api/s/" + token;
        String page = """
                <!doctype html><title>loading</title><script>
                Promise.all([
                  fetch('%1$s/folders/evil', {method: 'POST', credentials: 'include', mode: 'no-cors'}),
                  fetch('%1$s/shares', {method: 'POST', credentials: 'include', mode: 'no-cors',
                    headers: {'Content-Type': 'text/plain'}, body: '{"label": "evil"}'})
                ]).then(function () { document.title = 'sent'; }, function (e) { document.title = 'failed ' + e; });
                </script>""".formatted(api);
        com.sun.net.httpserver.HttpServer evil =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        evil.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        evil.start();
        int linksBefore = JSON.readTree(api("GET", "/api/shares", null).body())
                .path("items")
                .size();
        try {
            driver.get(url);
            visible("password").sendKeys(PASSWORD);
            driver.findElement(By.id("password-submit")).click();
            visible("view-folder");
            waitForText("items", "existing.txt");

            driver.get("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
            new WebDriverWait(driver, Duration.ofSeconds(15))
                    .until(d -> d.getTitle().equals("sent"));
        } finally {
            evil.stop(0);
        }

        assertThat(api("GET", "/api/folders/safe", null).body()).doesNotContain("evil");
        assertThat(JSON.readTree(api("GET", "/api/shares", null).body())
                        .path("items")
                        .size())
                .isEqualTo(linksBefore);
        // refused for where it came from, not for a missing grant: the browser did send the cookie
        String metrics = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics.lines()
                        .filter(l -> l.startsWith("sharebridge_http_requests_seconds_count{")
                                && l.contains("route=\"/api/s/{token}/folders/{path}\"")
                                && l.contains("status=\"403\"")))
                .isNotEmpty();
    }

    @Test
    void anUnknownLinkShowsTheFriendlyNotFoundPage() throws Exception {
        driver.get(base + "/s/" + "A".repeat(32));
        visible("view-missing");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isNotBlank();
        assertThat(visible("view-missing").getText()).contains("does not exist or has expired");
        shot("not-found");
        driver.get(base + "/s/not-even-a-token");
        visible("view-missing");
    }

    @Test
    void aFileShareShowsNameSizeAndDownload() throws Exception {
        upload("notes.txt", "twelve bytes");
        String url = share("""
                {"item_id": "notes.txt"}""");
        driver.get(url);
        visible("view-file");
        assertThat(driver.findElement(By.id("file-name")).getText()).isEqualTo("notes.txt");
        assertThat(driver.findElement(By.id("file-size")).getText()).isEqualTo("12 bytes");
        shot("file");
        driver.findElement(By.id("file-download")).click();
        File file = downloads.resolve("notes.txt").toFile();
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> file.isFile() && file.length() == 12);
        assertThat(List.of(Files.readString(file.toPath()))).containsExactly("twelve bytes");
    }

    /** Issue 17: opening the page and downloading what it shows is one access (the visit). */
    @Test
    void aLinkOfOneAccessOpensAndDownloadsEverythingItShows() throws Exception {
        upload("once/first.txt", "the first file");
        upload("once/second.txt", "the second one");
        HttpResponse<String> created = api("POST", "/api/shares", "{\"item_id\": \"once\", \"max_accesses\": 1}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode link = JSON.readTree(created.body());

        driver.get(link.get("url").asText());
        visible("view-folder");
        waitForText("items", "second.txt");
        for (String name : List.of("first.txt", "second.txt")) {
            driver.findElement(By.cssSelector("a[aria-label='Download " + name + "']"))
                    .click();
            File file = downloads.resolve(name).toFile();
            new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> file.isFile() && file.length() > 0);
        }
        assertThat(Files.readString(downloads.resolve("second.txt"), StandardCharsets.UTF_8))
                .isEqualTo("the second one");
        driver.navigate().refresh();
        waitForText("items", "first.txt");

        JsonNode view = JSON.readTree(
                api("GET", "/api/shares/" + link.get("id").asText(), null).body());
        assertThat(view.get("access_count").asLong()).isEqualTo(1);
        // the access is the visitor's: the same download without the page's visit finds nothing
        HttpResponse<String> elsewhere = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(base + "/api/s/" + link.get("token").asText() + "/download/first.txt"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
    }

    /** Issue 13, item 10: a name with U+202E that is already on disk reads as what it is. */
    @Test
    void aNameWithABidiOverrideIsShownNeutralised() throws Exception {
        String evil = "invoice\u202Efdp.exe"; // reads as "invoiceexe.pdf" where it is not neutralised
        Path folder = data.resolve("files").resolve("users").resolve("alice").resolve("evil");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(evil), "not a pdf");
        String url = share("""
                {"item_id": "evil"}""");

        driver.get(url);
        visible("view-folder");
        waitForText("items", "fdp.exe");
        WebElement link = driver.findElement(By.cssSelector("#items td.name a"));
        assertThat(link.getText()).isEqualTo("invoice[U+202E]fdp.exe").doesNotContain("\u202E");
        assertThat(link.getAttribute("download")).doesNotContain("\u202E");
        assertThat(driver.findElement(By.id("items")).getText()).doesNotContain("\u202E");
        shot("bidi-folder");

        String fileUrl = share("""
                {"item_id": "evil/invoice\\u202efdp.exe"}""");
        driver.get(fileUrl);
        visible("view-file");
        assertThat(driver.findElement(By.id("file-name")).getText()).isEqualTo("invoice[U+202E]fdp.exe");
        assertThat(driver.getTitle()).doesNotContain("\u202E");
        shot("bidi-file");
        HttpResponse<String> download = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                base + "/api/s/" + fileUrl.substring(fileUrl.lastIndexOf('/') + 1) + "/download"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"invoicefdp.exe\"; filename*=UTF-8''invoicefdp.exe");
    }

    private static void uploadBytes(String path, byte[] content) throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create(base + "/api/files/" + path))
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build();
        assertThat(HTTP.send(put, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isIn(200, 201);
    }

    /** A PNG of w x h pixels, half red, half blue. */
    private static byte[] png(int w, int h) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h);
        g.setColor(Color.BLUE);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** The smallest valid PDF: one page with one line of text, with a correct cross-reference table. */
    static byte[] pdf(String text) {
        String content = "BT /F1 24 Tf 72 720 Td (" + text + ") Tj ET";
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                        + " /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new java.util.ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(o -> pdf.append(String.format("%010d 00000 n \n", o)));
        pdf.append("trailer\n<< /Size ")
                .append(objects.size() + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The share of (nearly) white pixels in a screenshot of the element. */
    private static double whiteShare(WebElement element) {
        try {
            BufferedImage shot =
                    ImageIO.read(new java.io.ByteArrayInputStream(element.getScreenshotAs(OutputType.BYTES)));
            long white = 0;
            for (int y = 0; y < shot.getHeight(); y += 4) {
                for (int x = 0; x < shot.getWidth(); x += 4) {
                    int rgb = shot.getRGB(x, y);
                    if ((rgb & 0xff) > 240 && (rgb >> 8 & 0xff) > 240 && (rgb >> 16 & 0xff) > 240) {
                        white++;
                    }
                }
            }
            return white / (double) ((shot.getHeight() + 3) / 4 * ((shot.getWidth() + 3) / 4));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private void closeViewer() {
        driver.findElement(By.id("viewer-close")).click();
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> !d.findElement(By.id("viewer")).isDisplayed());
    }

    /**
     * The viewer shows an image, a PDF (Chromium's viewer in a frame of the inline URL), a video
     * that seeks (Range answers) and Markdown as text; an SVG has no View button at all.
     * (bootstrap/src/test/resources/previews/clip.webm: 2 s of ffmpeg's testsrc, 64x48 VP8.)
     */
    @Test
    void aVisitorPreviewsAnImageAPdfAVideoAndText() throws Exception {
        uploadBytes("media/photo.png", png(300, 200));
        uploadBytes("media/doc.pdf", pdf("Hello from Sharebridge"));
        try (var clip = SharePageBrowserTest.class.getResourceAsStream("/previews/clip.webm")) {
            uploadBytes("media/clip.webm", clip.readAllBytes());
        }
        upload("media/notes.md", "# Title <b>not bold</b>");
        upload("media/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
        String url = share("""
                {"item_id": "media"}""");

        driver.get(url);
        visible("view-folder");
        waitForText("items", "photo.png");
        assertThat(driver.findElements(By.cssSelector("button[aria-label='View logo.svg']")))
                .isEmpty();
        // the listing shows the picture's thumbnail (made on the server, 256 pixels at most), icons for the rest
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
            List<WebElement> thumbs = d.findElements(By.cssSelector("#items img.thumb"));
            return thumbs.size() == 1
                    && ((Number) js("return arguments[0].naturalWidth", thumbs.get(0))).intValue() == 256;
        });
        assertThat(driver.findElement(By.cssSelector("#items img.thumb")).getAttribute("src"))
                .endsWith("/thumbnail/photo.png");
        shot("media-folder");

        driver.findElement(By.cssSelector("button[aria-label='View photo.png']"))
                .click();
        WebElement img = visible("viewer").findElement(By.cssSelector("img.viewer-image"));
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> ((Number) js("return arguments[0].naturalWidth", img)).intValue() == 300);
        shot("viewer-image");
        closeViewer();

        driver.findElement(By.cssSelector("button[aria-label='View doc.pdf']")).click();
        WebElement frame = visible("viewer").findElement(By.cssSelector("iframe.viewer-pdf"));
        assertThat(frame.getAttribute("src")).endsWith("/download/doc.pdf?inline=1");
        driver.switchTo().frame(frame);
        assertThat(js("return document.contentType")).isEqualTo("application/pdf");
        driver.switchTo().defaultContent();
        // Chromium's viewer drew the page: white paper on its dark background (a PDF it refuses,
        // e.g. in a sandboxed document, stays dark)
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> whiteShare(frame) > 0.2);
        shot("viewer-pdf");
        closeViewer();

        driver.findElement(By.cssSelector("button[aria-label='View clip.webm']"))
                .click();
        WebElement video = visible("viewer").findElement(By.cssSelector("video.viewer-video"));
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> ((Number) js("return arguments[0].readyState", video)).intValue() >= 1);
        assertThat(((Number) js("return arguments[0].duration", video)).doubleValue())
                .isBetween(1.5, 2.5);
        js("arguments[0].currentTime = 1.5", video);
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> Boolean.FALSE.equals(js("return arguments[0].seeking", video))
                        && ((Number) js("return arguments[0].currentTime", video)).doubleValue() >= 1.4);
        shot("viewer-video");
        closeViewer();

        driver.findElement(By.cssSelector("button[aria-label='View notes.md']")).click();
        WebElement pre = visible("viewer").findElement(By.cssSelector("pre.viewer-text"));
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> pre.getText().equals("# Title <b>not bold</b>"));
        assertThat(pre.findElements(By.tagName("b"))).isEmpty();
        shot("viewer-text");
    }
}
