package dev.sharebridge.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sharebridge.bootstrap.Sharebridge;
import dev.sharebridge.bootstrap.config.SharebridgeConfig;
import dev.sharebridge.domain.user.UserId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The owners' web app at {@code /} in a real headless Chromium, driven like an owner would: sign
 * in with the API token, upload, share with a password and an expiry, copy the link, let a
 * visitor open it in a second browser, revoke it, create a room and its shared folder. Screenshots
 * (desktop and phone size) are kept in {@code bootstrap/target/screenshots}.
 */
class OwnerAppBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;

    private static Sharebridge server;
    private static String base;
    private static String token;

    private final List<WebDriver> drivers = new ArrayList<>();
    private WebDriver driver;
    private String testName;

    @BeforeAll
    static void startServer() throws Exception {
        boolean haveBrowser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!haveBrowser && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("chromium and chromium-driver are not installed (.ci/run installs them)");
        }
        String toml = """
                [server]
                bind = "127.0.0.1"
                port = 0
                data_dir = "%s"
                [security]
                bcrypt_cost = 10
                """.formatted(data.toString().replace("\\", "\\\\"));
        server = Sharebridge.open(SharebridgeConfig.parse("owner-app-test.toml", toml, new HashMap<>()));
        base = "http://127.0.0.1:" + server.start();
        token = server.addUser().add(UserId.of("olivia")).token();
        server.addUser().add(UserId.of("bob"));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void startBrowser(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        driver = browser();
    }

    @AfterEach
    void stopBrowsers() throws IOException {
        if (driver != null) {
            shot("last");
        }
        drivers.forEach(WebDriver::quit);
    }

    /** A fresh browser: its own profile, so no session storage, cookie or grant is shared. */
    private WebDriver browser() {
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
                "--lang=en-US",
                "--window-size=1200,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver created = new ChromeDriver(service, options);
        // lets the test read back what the app put into the clipboard
        created.executeCdpCommand(
                "Browser.grantPermissions",
                Map.of("origin", base, "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        drivers.add(created);
        return created;
    }

    private void shot(String step) throws IOException {
        shot(driver, step);
    }

    private void shot(WebDriver d, String step) throws IOException {
        byte[] png = ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve("owner-app-" + testName + "-" + step + ".png"), png);
    }

    private static WebDriverWait waiting(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(15));
    }

    private WebElement visible(String id) {
        return visible(driver, id);
    }

    private static WebElement visible(WebDriver d, String id) {
        return waiting(d).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private void waitForText(String id, String text) {
        waiting(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    private WebElement byLabel(String label) {
        return waiting(driver)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("[aria-label=\"" + label + "\"]")));
    }

    private String value(String id) {
        return driver.findElement(By.id(id)).getDomProperty("value");
    }

    private String clipboard() {
        Object text = ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1];"
                                + "navigator.clipboard.readText().then(done, function (e) { done('clipboard error: ' + e); });");
        return String.valueOf(text);
    }

    private void click(String id) {
        waiting(driver)
                .until(ExpectedConditions.elementToBeClickable(By.id(id)))
                .click();
    }

    private void signIn() {
        driver.get(base + "/");
        visible("signin-token").sendKeys(token);
        click("signin-submit");
        visible("view-files");
    }

    private static HttpResponse<String> api(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !path.startsWith("/api/files")) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode apiJson(String method, String path, String body) throws Exception {
        HttpResponse<String> r = api(method, path, body);
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    /** Types a date into a date input the way a person does (en-US: month, day, year). */
    private void typeDate(String id, LocalDate date) {
        WebElement input = driver.findElement(By.id(id));
        input.click();
        input.sendKeys(date.format(DateTimeFormatter.ofPattern("MMddyyyy")));
        assertThat(value(id)).isEqualTo(date.toString());
    }

    @Test
    void anOwnerUploadsSharesCopiesAndRevokesWhileAVisitorWatches(@TempDir Path local) throws Exception {
        driver.get(base + "/");
        visible("signin-token").sendKeys("not-the-token");
        click("signin-submit");
        waitForText("signin-error", "Wrong token");
        shot("wrong-token");
        driver.findElement(By.id("signin-token")).clear();
        driver.findElement(By.id("signin-token")).sendKeys(token);
        click("signin-submit");
        visible("view-files");
        assertThat(driver.getCurrentUrl()).doesNotContain(token);
        assertThat(driver.manage().getCookies()).isEmpty();

        Path notes = Files.writeString(local.resolve("notes.txt"), "meeting notes");
        Path plan = Files.writeString(local.resolve("plan.txt"), "the plan");
        driver.findElement(By.id("upload-input")).sendKeys(notes + "\n" + plan);
        waiting(driver)
                .until(d ->
                        d.findElements(By.cssSelector("#files-uploads .done")).size() == 2);
        waitForText("files-items", "plan.txt");
        assertThat(driver.findElement(By.id("files-items")).getText()).contains("notes.txt", "plan.txt");
        assertThat(api("GET", "/api/files/notes.txt", null).body()).isEqualTo("meeting notes");

        click("new-folder-open");
        visible("new-folder-name").sendKeys("reports\n");
        waitForText("files-items", "reports");
        shot("files");

        byLabel("Share notes.txt").click();
        visible("share-dialog");
        click("share-generate");
        String password = value("share-password");
        assertThat(password).matches("[A-Za-z0-9]{20}");
        LocalDate expiry = LocalDate.now(ZoneId.systemDefault()).plusDays(7);
        typeDate("share-expiry", expiry);
        driver.findElement(By.id("share-label")).sendKeys("for the team");
        click("share-submit");
        visible("share-result");
        String url = value("share-result-url");
        assertThat(url).startsWith(base + "/s/");
        assertThat(value("share-result-password")).isEqualTo(password);
        waitForText("share-links", "for the team");
        // each link's WebDAV address beside it (docs/webdav.md)
        String dav = base + "/dav/s/" + url.substring(url.lastIndexOf('/') + 1) + "/";
        waitForText("share-links", dav);
        shot("share-created");

        click("share-copy-url");
        waitForText("share-copy-url", "Copied");
        assertThat(clipboard()).isEqualTo(url);
        click("share-copy-password");
        waitForText("share-copy-password", "Copied");
        assertThat(clipboard()).isEqualTo(password);

        JsonNode share = apiJson("GET", "/api/shares?item_id=notes.txt", null)
                .get("items")
                .get(0);
        assertThat(share.get("url").asText()).isEqualTo(url);
        assertThat(share.get("has_password").asBoolean()).isTrue();
        assertThat(share.get("label").asText()).isEqualTo("for the team");
        assertThat(Instant.parse(share.get("expires_at").asText()))
                .isEqualTo(
                        expiry.atTime(23, 59, 59).atZone(ZoneId.systemDefault()).toInstant());

        WebDriver visitor = browser();
        visitor.get(url);
        visible(visitor, "password").sendKeys(password);
        visitor.findElement(By.id("password-submit")).click();
        visible(visitor, "view-file");
        assertThat(visitor.findElement(By.id("file-name")).getText()).isEqualTo("notes.txt");
        shot(visitor, "visitor-opened");

        click("share-close");
        byLabel("Share notes.txt").click();
        waitForText("share-links", "opened 1 time");
        shot("share-existing");

        byLabel("Revoke link for the team").click();
        visible("confirm-dialog");
        click("confirm-yes");
        visible("share-links-empty");
        assertThat(apiJson("GET", "/api/shares?item_id=notes.txt", null).get("items"))
                .isEmpty();

        visitor.navigate().refresh();
        visible(visitor, "view-missing");
        shot(visitor, "visitor-revoked");
        click("share-close");

        apiJson("POST", "/api/shares", "{\"item_id\": \"reports\"}");
        byLabel("Delete reports").click();
        visible("confirm-dialog");
        assertThat(driver.findElement(By.id("confirm-text")).getText())
                .contains("everything in it")
                .contains("1 share link on it or inside it stops working");
        shot("delete-confirm");
        click("confirm-yes");
        waiting(driver)
                .until(d -> !d.findElement(By.id("files-items")).getText().contains("reports"));
        assertThat(api("GET", "/api/folders/reports", null).statusCode()).isEqualTo(404);

        click("sign-out");
        visible("view-signin");
        assertThat(((JavascriptExecutor) driver).executeScript("return sessionStorage.length"))
                .isEqualTo(0L);
    }

    /** A tree with an empty folder in it, which holds no file and is not recreated. */
    static Path folderTree(Path local) throws IOException {
        Path trip = Files.createDirectories(local.resolve("trip"));
        Files.writeString(trip.resolve("readme.txt"), "read me first");
        Files.createDirectories(trip.resolve("photos/2024"));
        Files.writeString(trip.resolve("photos/beach.txt"), "sand and sea");
        Files.writeString(trip.resolve("photos/2024/sun.txt"), "sunny");
        Files.createDirectories(trip.resolve("empty"));
        return trip;
    }

    /** Bytes that differ at every offset, so a chunk sent twice or left out shows. */
    static byte[] numbered(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + (i >> 8));
        }
        return bytes;
    }

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The requests the page made to upload addresses (/api/uploads/ID: HEAD and PATCH), since the last clear. */
    private long uploadRequests() {
        return (Long) script("return performance.getEntriesByType('resource')"
                + ".filter(function (e) { return /\\/api\\/uploads\\/[^/]+$/.test(e.name); }).length");
    }

    /** Chooses path in the file input id, with the rows of earlier uploads gone first. */
    private void choose(String id, Path path) {
        script("document.getElementById('files-uploads').textContent = '';");
        driver.findElement(By.id(id)).sendKeys(path.toString());
    }

    private void waitForUploads() {
        waiting(driver)
                .until(d -> !d.findElements(By.cssSelector("#files-uploads .up-total.complete"))
                                .isEmpty()
                        || !d.findElements(By.cssSelector("#files-uploads .up-total.bad"))
                                .isEmpty());
        assertThat(driver.findElements(By.cssSelector("#files-uploads .up-total.complete")))
                .as(driver.findElement(By.id("files-uploads")).getText())
                .hasSize(1);
    }

    @Test
    void anOwnerUploadsAFolderTreeAndBigFilesInChunksOverTus(@TempDir Path local) throws Exception {
        Path trip = folderTree(local);
        api("PUT", "/api/files/albums/keep.txt", "kept");
        signIn();
        driver.findElement(By.linkText("albums")).click();
        waitForText("files-items", "keep.txt");

        choose("upload-folder-input", trip);
        waitForUploads();
        assertThat(driver.findElement(By.id("files-uploads")).getText())
                .contains("trip/readme.txt", "trip/photos/beach.txt", "trip/photos/2024/sun.txt", "3 of 3 done");
        waitForText("files-items", "trip");
        shot("folder-uploaded");
        assertThat(api("GET", "/api/files/albums/trip/readme.txt", null).body()).isEqualTo("read me first");
        assertThat(api("GET", "/api/files/albums/trip/photos/beach.txt", null).body())
                .isEqualTo("sand and sea");
        assertThat(api("GET", "/api/files/albums/trip/photos/2024/sun.txt", null)
                        .body())
                .isEqualTo("sunny");
        assertThat(api("GET", "/api/folders/albums/trip", null).body()).doesNotContain("empty");

        // 3 MiB and a bit in 1 MiB chunks: one POST, then four PATCHes
        int mib = 1024 * 1024;
        byte[] big = numbered(3 * mib + 17);
        Path bigFile = Files.write(local.resolve("big.bin"), big);
        script("window.sharebridgeUploadChunkSize = " + mib + "; performance.clearResourceTimings();");
        choose("upload-input", bigFile);
        waitForUploads();
        assertThat(uploadRequests()).isEqualTo(4);
        HttpResponse<byte[]> stored = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/files/albums/big.bin"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(stored.body()).isEqualTo(big);

        // an earlier attempt that sent the first MiB, as the page keeps it in the tab: the same
        // file chosen again asks HEAD and sends the three chunks that are missing
        byte[] again = numbered(3 * mib + 5);
        Path againFile = Files.write(local.resolve("again.bin"), again);
        long modified = 1_700_000_000_000L;
        Files.setLastModifiedTime(againFile, java.nio.file.attribute.FileTime.fromMillis(modified));
        String metadata = "filename " + base64("again.bin") + ",path " + base64("albums");
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/uploads"))
                        .header("Authorization", "Bearer " + token)
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Length", Integer.toString(again.length))
                        .header("Upload-Metadata", metadata)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String address = base + created.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> first = HTTP.send(
                HttpRequest.newBuilder(URI.create(address))
                        .header("Authorization", "Bearer " + token)
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", "0")
                        .header("Content-Type", "application/offset+octet-stream")
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(again, 0, mib))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(204);
        String fingerprint = String.join(
                "|",
                "sharebridge",
                "/api/uploads",
                "albums",
                "again.bin",
                Integer.toString(again.length),
                Long.toString(modified));
        script(
                "sessionStorage.setItem(arguments[0], JSON.stringify({size: arguments[1], metadata: {},"
                        + " creationTime: new Date().toString(), uploadUrl: arguments[2]}));"
                        + "performance.clearResourceTimings();",
                "sharebridge.upload::" + fingerprint + "::earlier",
                again.length,
                address);
        choose("upload-input", againFile);
        waitForUploads();
        assertThat(uploadRequests()).as("HEAD and three PATCHes").isEqualTo(4);
        HttpResponse<byte[]> resumed = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/files/albums/again.bin"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(resumed.body()).isEqualTo(again);
        assertThat(script("return Object.keys(sessionStorage).filter(function (k) {"
                        + " return k.indexOf('sharebridge.upload::') === 0; }).length"))
                .as("the finished upload is forgotten")
                .isEqualTo(0L);
        shot("chunks-uploaded");
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anOwnerRenamesAndMovesAnItemAndItsLinkKeepsWorking() throws Exception {
        api("PUT", "/api/files/moving/plan.txt", "the plan");
        api("PUT", "/api/files/taken.txt", "other");
        String link = apiJson("POST", "/api/shares", "{\"item_id\": \"moving/plan.txt\"}")
                .get("token")
                .asText();
        signIn();
        driver.findElement(By.linkText("moving")).click();
        waitForText("files-items", "plan.txt");

        byLabel("Rename plan.txt").click();
        visible("move-dialog");
        assertThat(value("move-input")).isEqualTo("plan.txt");
        driver.findElement(By.id("move-input")).clear();
        driver.findElement(By.id("move-input")).sendKeys("plan-v2.txt");
        shot("rename");
        click("move-yes");
        waitForText("files-items", "plan-v2.txt");
        assertThat(api("GET", "/api/s/" + link + "/download", null).body()).isEqualTo("the plan");

        byLabel("Move plan-v2.txt").click();
        visible("move-dialog");
        assertThat(value("move-input")).isEqualTo("moving");
        driver.findElement(By.id("move-input")).clear();
        click("move-yes");
        waiting(driver)
                .until(d -> !d.findElement(By.id("files-items")).getText().contains("plan-v2.txt"));
        assertThat(apiJson("GET", "/api/shares?item_id=plan-v2.txt", null).get("items"))
                .hasSize(1);
        assertThat(api("GET", "/api/s/" + link + "/download", null).body()).isEqualTo("the plan");

        driver.findElement(By.linkText("My files")).click();
        waitForText("files-items", "plan-v2.txt");
        byLabel("Rename plan-v2.txt").click();
        driver.findElement(By.id("move-input")).clear();
        driver.findElement(By.id("move-input")).sendKeys("taken.txt");
        click("move-yes");
        waitForText("move-error", "already there");
        click("move-no");
        assertThat(api("GET", "/api/s/" + link + "/download", null).body()).isEqualTo("the plan");
    }

    @Test
    void theFilesViewShowsTheUsedSpaceAndAFileDropGetsUploadLimits() throws Exception {
        server.userQuota().setQuota(UserId.of("olivia"), java.util.OptionalLong.of(5_000_000_000L));
        try {
            api("PUT", "/api/files/dropbox/readme.txt", "drop here");
            signIn();
            waitForText("files-usage", "of 5.0 GB used");
            shot("usage");
            byLabel("Share dropbox").click();
            visible("share-dialog");
            click("perm-drop");
            driver.findElement(By.id("share-max-upload")).sendKeys("3");
            driver.findElement(By.id("share-max-file")).sendKeys("1");
            click("share-submit");
            visible("share-result");
            waitForText("share-links", "receives at most 3.0 MB");
            waitForText("share-links", "files up to 1.0 MB");
            shot("upload-limits");
            JsonNode link = apiJson("GET", "/api/shares?item_id=dropbox", null)
                    .get("items")
                    .get(0);
            assertThat(link.get("max_upload_bytes").asLong()).isEqualTo(3_000_000L);
            assertThat(link.get("max_file_bytes").asLong()).isEqualTo(1_000_000L);
            new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        } finally {
            server.userQuota().setQuota(UserId.of("olivia"), java.util.OptionalLong.empty());
        }
    }

    @Test
    void weakPasswordsAndPastExpiriesGetClearMessages() throws Exception {
        api("PUT", "/api/files/weak/report.txt", "r");
        signIn();
        driver.findElement(By.linkText("weak")).click();
        waitForText("files-items", "report.txt");
        byLabel("Share report.txt").click();
        visible("share-dialog");

        driver.findElement(By.id("share-password")).sendKeys("short");
        click("share-submit");
        waitForText("share-error", "too short");

        driver.findElement(By.id("share-password")).clear();
        driver.findElement(By.id("share-password")).sendKeys("password12");
        click("share-submit");
        waitForText("share-error", "too easy to guess");
        assertThat(driver.findElement(By.id("share-error")).getText()).contains("very common password");
        shot("common-password");

        driver.findElement(By.id("share-password")).clear();
        typeDate("share-expiry", LocalDate.now(ZoneId.systemDefault()).minusDays(2));
        click("share-submit");
        waitForText("share-error", "The expiry date must be in the future.");
        shot("past-expiry");
        assertThat(apiJson("GET", "/api/shares?item_id=weak/report.txt", null).get("items"))
                .isEmpty();

        driver.findElement(By.id("share-expiry")).clear();
        driver.findElement(By.id("share-password")).sendKeys("a-long-enough-phrase");
        driver.findElement(By.id("share-max")).sendKeys("5");
        click("share-submit");
        visible("share-result");
        waitForText("share-links", "opened 0 times of 5");

        driver.findElement(By.cssSelector("#share-links button[aria-label^='Edit link']"))
                .click();
        waitForText("share-form-title", "Edit link");
        click("share-password-remove");
        driver.findElement(By.id("share-label")).sendKeys("no secret");
        click("share-submit");
        waitForText("share-result-title", "Link updated");
        waitForText("share-links", "no secret");
        JsonNode edited = apiJson("GET", "/api/shares?item_id=weak/report.txt", null)
                .get("items")
                .get(0);
        assertThat(edited.get("has_password").asBoolean()).isFalse();
        assertThat(edited.get("label").asText()).isEqualTo("no secret");
        assertThat(edited.get("max_accesses").asInt()).isEqualTo(5);
        assertThat(edited.get("expires_at").isNull()).isTrue();
        shot("edited");
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        waiting(driver).until(ExpectedConditions.invisibilityOfElementLocated(By.id("share-dialog")));
    }

    @Test
    void anOwnerCreatesARoomWithItsSharedFolderAndInvitesPeople() throws Exception {
        signIn();
        click("nav-rooms");
        visible("view-rooms");
        driver.findElement(By.id("room-create-title")).sendKeys("Weekly sync\n");
        visible("view-room");
        waitForText("room-title", "Weekly sync");
        visible("room-folder-none");

        click("room-folder-create");
        visible("room-folder");
        waiting(driver).until(d -> !value("room-read-url").isEmpty());
        String rw = value("room-rw-url");
        String read = value("room-read-url");
        assertThat(rw).startsWith(base + "/s/").isNotEqualTo(read);
        assertThat(read).startsWith(base + "/s/");
        assertThat(value("room-rw-password")).hasSizeGreaterThanOrEqualTo(16);
        assertThat(value("room-read-password")).hasSizeGreaterThanOrEqualTo(16).isNotEqualTo(value("room-rw-password"));

        driver.findElement(By.cssSelector("[data-copy='room-read-password']")).click();
        waiting(driver).until(d -> clipboard().equals(value("room-read-password")));

        String roomId = driver.getCurrentUrl().replaceAll(".*#/rooms/", "");
        JsonNode folder = apiJson("GET", "/v1/rooms/" + roomId + "/shared_folder", null);
        assertThat(folder.get("read_write").get("url").asText()).isEqualTo(rw);
        assertThat(folder.get("read").get("url").asText()).isEqualTo(read);

        driver.findElement(By.id("room-user")).sendKeys("bob\n");
        waitForText("room-people-msg", "bob was invited.");
        driver.findElement(By.id("room-user")).sendKeys("bob");
        driver.findElement(By.cssSelector("#room-people-form [data-action='moderator']"))
                .click();
        waitForText("room-people-msg", "bob is now a moderator.");
        driver.findElement(By.id("room-user")).sendKeys("Not A User!");
        driver.findElement(By.cssSelector("#room-people-form [data-action='invite']"))
                .click();
        waitForText("room-people-msg", "not a valid user name");

        click("room-code-create");
        visible("room-code-box");
        assertThat(value("room-code")).isNotBlank();
        shot("room");

        click("room-folder-delete");
        click("confirm-yes");
        visible("room-folder-none");
        assertThat(api("GET", "/v1/rooms/" + roomId + "/shared_folder", null).statusCode())
                .isEqualTo(404);

        click("nav-rooms");
        waitForText("rooms-list", "Weekly sync");
        shot("rooms");
    }

    @Test
    void myLinksPagesThroughEveryLinkAndTheAppFitsAPhone() throws Exception {
        api("PUT", "/api/files/many/doc.txt", "d");
        for (int i = 0; i < 55; i++) {
            apiJson("POST", "/api/shares", "{\"item_id\": \"many/doc.txt\", \"label\": \"copy " + i + "\"}");
        }
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(base + "/");
        visible("signin-token");
        shot("phone-signin");
        signIn();
        waitForText("files-items", "many");
        shot("phone-files");

        click("nav-links");
        visible("view-links");
        waiting(driver)
                .until(d -> d.findElements(By.cssSelector("#links-items tr")).size() == 50);
        click("links-more");
        waiting(driver)
                .until(d -> d.findElements(By.cssSelector("#links-items tr")).size() >= 55);
        assertThat(driver.findElement(By.id("links-items")).getText()).contains("copy 0", "copy 54");
        String first = apiJson("GET", "/api/shares?limit=1", null)
                .get("items")
                .get(0)
                .get("token")
                .asText();
        assertThat(driver.findElement(By.id("links-items")).getText()).contains(base + "/dav/s/" + first + "/");
        shot("phone-links");

        driver.findElements(By.cssSelector("#links-items button[aria-label='Manage links of doc.txt']"))
                .get(0)
                .click();
        visible("share-dialog");
        waitForText("share-links", "copy 54");
        shot("phone-share-dialog");
        Object overflow = ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth > window.innerWidth");
        assertThat(overflow).isEqualTo(false);
    }
}
