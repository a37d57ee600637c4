package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.SharePermissions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.ZipInputStream;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PublicShareRoutesTest extends ApiTestSupport {
    private String folderToken;
    private String fileToken;
    private String lockedToken;
    private String dropToken;

    /**
     * Every request of these tests comes from one address; the bound on one client's requests in
     * progress (ClientLimitsTest) is raised above the 300 answers held at once below, so that
     * they test the held answers alone.
     */
    @Override
    ClientLimits clientLimits() {
        ClientLimits d = ClientLimits.DEFAULTS;
        return new ClientLimits(d.idleTimeout(), d.bodyTimeout(), d.minBodyBytesPerSecond(), 1000, d.maxBodyRequests());
    }

    /** Throttled answers wait {@link FakePublicShares#HOLD}; wrong passwords and busy answers none. */
    @Override
    AnswerDelays answerDelays() {
        return new AnswerDelays(Duration.ZERO, FakePublicShares.HOLD);
    }

    @BeforeEach
    void shares() throws Exception {
        putFile("pub/a.txt", "0123456789");
        putFile("pub/sub/b.txt", "bbb");
        putFile("single.txt", "single");
        folderToken = shares.add(
                        ALICE,
                        ItemPath.parse("pub"),
                        Optional.empty(),
                        new SharePermissions(true, true, true),
                        Optional.empty())
                .token()
                .value();
        fileToken = shares.add(
                        ALICE,
                        ItemPath.parse("single.txt"),
                        Optional.empty(),
                        SharePermissions.DEFAULT,
                        Optional.empty())
                .token()
                .value();
        lockedToken = shares.add(
                        ALICE, ItemPath.parse("pub"), Optional.of("hash"), SharePermissions.DEFAULT, Optional.empty())
                .token()
                .value();
        dropToken = shares.add(
                        ALICE,
                        ItemPath.parse("pub"),
                        Optional.empty(),
                        new SharePermissions(false, true, false),
                        Optional.empty())
                .token()
                .value();
    }

    private HttpResponse<String> pub(String path) {
        return send(req("/api/s/" + path));
    }

    private static void assertPublicHeaders(HttpResponse<?> r, String cacheControl) {
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue(cacheControl);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Robots-Tag")).hasValue("noindex, nofollow");
        assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control"));
    }

    @Test
    void openDescribesTheShareAndCounts() {
        HttpResponse<String> r = pub(folderToken);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode o = json(r);
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactly(
                        "item_name",
                        "item_type",
                        "size",
                        "has_password",
                        "expires_at",
                        "permissions",
                        "label",
                        "preview");
        assertThat(o.get("item_name").asText()).isEqualTo("pub");
        assertThat(o.get("item_type").asText()).isEqualTo("folder");
        assertThat(publicShares.counted.get()).isEqualTo(1);
        assertPublicHeaders(r, "no-store");
        assertThat(pub(folderToken + "/").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownExpiredAndMalformedTokensLookExactlyAlike() {
        List<HttpResponse<String>> answers = List.of(
                pub("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                pub("short"),
                pub("%27%20OR%201%3D1--"),
                pub("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%25"),
                pub("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/list"),
                pub("short/download"));
        HttpResponse<String> first = answers.get(0);
        assertProblem(first, 404, "not_found");
        assertPublicHeaders(first, "no-store");
        for (HttpResponse<String> r : answers) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).isEqualTo(first.body());
            assertThat(comparableHeaders(r)).isEqualTo(comparableHeaders(first));
        }
        assertThat(first.body())
                .doesNotContain("AAAA")
                .doesNotContain("malformed")
                .doesNotContain("unknown");
    }

    private static Map<String, List<String>> comparableHeaders(HttpResponse<?> r) {
        Map<String, List<String>> h = new TreeMap<>(r.headers().map());
        h.remove("date");
        h.remove("x-request-id");
        return h;
    }

    @Test
    void passwordFlowWithCookieAndHeaderGrants() {
        assertProblem(pub(lockedToken), 401, "password_required");
        assertProblem(pub(lockedToken + "/list"), 401, "password_required");

        HttpResponse<String> wrong =
                postJson(req("/api/s/" + lockedToken + "/verify"), "{\"password\":\"nope nope nope\"}");
        assertProblem(wrong, 401, "invalid_password");
        assertPublicHeaders(wrong, "no-store");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> ok = postJson(
                req("/api/s/" + lockedToken + "/verify"), "{\"password\":\"" + FakePublicShares.PASSWORD + "\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode g = json(ok);
        String grant = g.get("grant").asText();
        assertThat(g.get("expires_at").asText()).isEqualTo("2026-12-01T11:00:00Z");
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .matches("sb_grant_[0-9a-f]{8}=" + grant + "; .*")
                .contains("Max-Age=3600")
                .contains("Path=/")
                .contains("HttpOnly")
                .contains("SameSite=Lax")
                .contains("Secure");
        String cookiePair = cookie.substring(0, cookie.indexOf(';'));

        assertThat(send(req("/api/s/" + lockedToken).header("Cookie", cookiePair))
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(req("/api/s/" + lockedToken + "/list").header("X-Share-Grant", grant))
                        .statusCode())
                .isEqualTo(200);
        assertThat(publicShares.lastAccess.grant()).hasValue(grant);
        // a grant for one share opens no other: the cookie name is per share
        assertThat(cookiePair).doesNotStartWith(cookieNameOf(folderToken));
    }

    @Test
    void theOpenHandsOutItsVisitAsAHeaderAndAsACookieOfTheLinksPathAndDownloadsCarryIt() {
        HttpResponse<String> r = pub(fileToken);
        assertThat(r.statusCode()).isEqualTo(200);
        String visit = r.headers().firstValue("X-Share-Visit").orElseThrow();
        assertThat(visit).isEqualTo("visit." + fileToken);
        String cookie = r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("sb_visit="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie)
                .isEqualTo("sb_visit=" + visit + "; Max-Age=600; Path=/api/s/" + fileToken
                        + "; HttpOnly; SameSite=Lax; Secure");

        // the cookie (what a browser's <a href> download sends) and the header both reach the use case
        assertThat(send(req("/api/s/" + fileToken + "/download").header("Cookie", "sb_visit=" + visit))
                        .statusCode())
                .isEqualTo(200);
        assertThat(publicShares.lastAccess.visit()).hasValue(visit);
        assertThat(send(req("/api/s/" + fileToken + "/download").header("X-Share-Visit", " v2 "))
                        .statusCode())
                .isEqualTo(200);
        assertThat(publicShares.lastAccess.visit()).hasValue("v2");
        assertThat(send(req("/api/s/" + fileToken + "/download")).statusCode()).isEqualTo(200);
        assertThat(publicShares.lastAccess.visit()).isEmpty();
        // HEAD counts nothing and hands out no visit
        HttpResponse<String> head =
                send(req("/api/s/" + fileToken).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(head.headers().firstValue("X-Share-Visit")).isEmpty();
        assertProblem(
                send(req("/api/s/" + fileToken + "/download").header("X-Share-Visit", "vi sit")),
                400,
                "validation_failed");
    }

    @Test
    void aChangeTheVisitCookieAloneWouldAuthoriseMustComeFromTheServersOwnPages() {
        HttpResponse<String> r = send(req("/api/s/" + folderToken + "/folders/new")
                .header("Cookie", "sb_visit=visit." + folderToken)
                .header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(403);
        HttpResponse<String> own = send(req("/api/s/" + folderToken + "/folders/new")
                .header("X-Share-Visit", "visit." + folderToken)
                .header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(own.statusCode()).isEqualTo(201);
        assertThat(publicShares.lastAccess.visit()).hasValue("visit." + folderToken);
    }

    private String cookieNameOf(String token) {
        HttpResponse<String> ok =
                postJson(req("/api/s/" + token + "/verify"), "{\"password\":\"" + FakePublicShares.PASSWORD + "\"}");
        String c = ok.headers().firstValue("Set-Cookie").orElseThrow();
        return c.substring(0, c.indexOf('='));
    }

    @Test
    void heldBackAnswersWaitWithoutTakingAServerThread() throws Exception {
        // more answers held at once than the server has threads (250): possible only if a held
        // answer takes no thread while it waits
        int n = 300;
        List<CompletableFuture<Long>> held = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long sent = System.nanoTime();
            HttpRequest verify = req("/api/s/" + lockedToken + "/verify")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + FakePublicShares.HELD_BACK + "\"}"))
                    .build();
            held.add(client.sendAsync(verify, HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> {
                        assertProblem(r, 429, "rate_limited");
                        assertThat(r.headers().firstValue("Retry-After")).hasValue("300");
                        return System.nanoTime() - sent;
                    }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (api.heldAnswers().waiting() < n
                && held.stream().noneMatch(CompletableFuture::isDone)
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(api.heldAnswers().waiting()).isEqualTo(n);
        QueuedThreadPool pool =
                (QueuedThreadPool) api.running().jettyServer().server().getThreadPool();
        assertThat(pool.getMaxThreads()).isLessThan(n);
        // meanwhile the server answers others
        assertThat(send(req("/api/s/" + folderToken)).statusCode()).isEqualTo(200);

        // and none went out before its delay: a delay cannot end early
        for (CompletableFuture<Long> answer : held) {
            assertThat(answer.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(FakePublicShares.HOLD.toNanos());
        }
        assertThat(api.heldAnswers().waiting()).isZero();
    }

    @Test
    void opensWaitForTheirCountWithoutTakingAServerThread() throws Exception {
        // more opens waiting for their count at once than the server has threads (250)
        int n = 300;
        Queue<Runnable> commits = new ConcurrentLinkedQueue<>();
        publicShares.countsLater = Optional.of(commits::add);
        List<CompletableFuture<HttpResponse<String>>> opens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            opens.add(client.sendAsync(req("/api/s/" + folderToken).build(), HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (commits.size() < n && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(commits).hasSize(n);
        assertThat(opens).noneMatch(CompletableFuture::isDone);

        // the batch is committed: every open is answered, after its count
        commits.forEach(Runnable::run);
        for (CompletableFuture<HttpResponse<String>> open : opens) {
            HttpResponse<String> r = open.get(60, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r).get("item_name").asText()).isEqualTo("pub");
        }
        assertThat(publicShares.counted.get()).isEqualTo(n);
    }

    @Test
    void anOpenRefusedByItsCountIsNotFound() {
        // refused a moment later, on another thread, as a batch that found the link used up
        publicShares.countsLater = Optional.of(CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
        publicShares.refusedLater = true;
        HttpResponse<String> r = pub(folderToken);
        assertProblem(r, 404, "not_found");
        assertPublicHeaders(r, "no-store");
        assertThat(publicShares.counted.get()).isZero();
    }

    @Test
    void stoppingLetsARunningRequestFinish() throws Exception {
        HttpRequest verify = req("/api/s/" + lockedToken + "/verify")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + FakePublicShares.HELD_BACK + "\"}"))
                .build();
        CompletableFuture<HttpResponse<String>> running =
                client.sendAsync(verify, HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (api.heldAnswers().waiting() < 1 && !running.isDone() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(api.heldAnswers().waiting()).isOne();

        api.stop();

        // the request that was running when the stop began got its whole answer
        assertProblem(running.get(30, TimeUnit.SECONDS), 429, "rate_limited");
    }

    @Test
    void verifyThrottlingAndBusyCarryRetryAfter() {
        HttpResponse<String> limited =
                postJson(req("/api/s/" + lockedToken + "/verify"), "{\"password\":\"too many tries\"}");
        assertProblem(limited, 429, "rate_limited");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
        assertPublicHeaders(limited, "no-store");
        HttpResponse<String> busy =
                postJson(req("/api/s/" + lockedToken + "/verify"), "{\"password\":\"busy busy busy\"}");
        assertProblem(busy, 503, "service_busy");
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("3");
        assertProblem(postJson(req("/api/s/" + lockedToken + "/verify"), "{}"), 400, "validation_failed");
        assertProblem(postJson(req("/api/s/" + lockedToken + "/verify"), "{\"password\":1}"), 400, "validation_failed");
        assertProblem(
                postJson(req("/api/s/" + lockedToken + "/verify"), "{\"password\":\"" + "p".repeat(70_000) + "\"}"),
                413,
                "payload_too_large");
    }

    @Test
    void listAndSubfolders() {
        JsonNode root = json(pub(folderToken + "/list"));
        assertThat(root.get("path").asText()).isEqualTo("");
        assertThat(root.get("children")).extracting(c -> c.get("name").asText()).containsExactly("a.txt", "sub");
        assertThat(root.get("children").get(0).fieldNames())
                .toIterable()
                .containsExactly("name", "type", "size", "modified_at", "preview");
        JsonNode sub = json(pub(folderToken + "/list/sub/"));
        assertThat(sub.get("path").asText()).isEqualTo("sub");
        assertProblem(pub(folderToken + "/list/%2e%2e"), 400, "validation_failed");
        assertProblem(pub(dropToken + "/list"), 403, "forbidden");
    }

    @Test
    void downloadCountsOnlyRealAnswers() {
        HttpResponse<String> full = pub(fileToken + "/download");
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).isEqualTo("single");
        assertPublicHeaders(full, "private");
        assertThat(full.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"single.txt\"; filename*=UTF-8''single.txt");
        assertThat(publicShares.counted.get()).isEqualTo(1);

        String etag = full.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> notModified =
                send(req("/api/s/" + fileToken + "/download").header("If-None-Match", etag));
        assertThat(notModified.statusCode()).isEqualTo(304);
        HttpResponse<String> unsatisfiable =
                send(req("/api/s/" + fileToken + "/download").header("Range", "bytes=99-"));
        assertProblem(unsatisfiable, 416, "range_not_satisfiable");
        assertThat(unsatisfiable.headers().firstValue("Content-Range")).hasValue("bytes */6");
        assertPublicHeaders(unsatisfiable, "no-store");
        HttpResponse<String> head =
                send(req("/api/s/" + fileToken + "/download").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue("6");
        assertThat(publicShares.counted.get()).isEqualTo(1);

        HttpResponse<String> partial =
                send(req("/api/s/" + fileToken + "/download").header("Range", "bytes=-2"));
        assertThat(partial.statusCode()).isEqualTo(206);
        assertThat(partial.body()).isEqualTo("le");
        assertThat(partial.headers().firstValue("Content-Range")).hasValue("bytes 4-5/6");
        assertThat(publicShares.counted.get()).isEqualTo(2);

        assertThat(pub(folderToken + "/download/sub/b.txt").body()).isEqualTo("bbb");
        assertProblem(pub(folderToken + "/download"), 404, "not_found");
        assertProblem(pub(dropToken + "/download/a.txt"), 403, "forbidden");
    }

    @Test
    void zipIsStreamedAsAnAttachment() throws IOException {
        HttpResponse<byte[]> r = sendBytes(req("/api/s/" + folderToken + "/zip"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(r.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).contains("pub.zip"));
        assertPublicHeaders(r, "private");
        List<String> entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertThat(entries).containsExactly("a.txt", "sub");
        assertThat(sendBytes(req("/api/s/" + folderToken + "/zip/sub")).statusCode())
                .isEqualTo(200);
        assertThat(publicShares.counted.get()).isEqualTo(2);
    }

    @Test
    void writeRoutes() {
        HttpResponse<String> created = send(
                req("/api/s/" + folderToken + "/upload/new/c.txt").PUT(HttpRequest.BodyPublishers.ofString("ccc")));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("path").asText()).isEqualTo("new/c.txt");
        assertPublicHeaders(created, "no-store");
        assertThat(send(req("/api/s/" + folderToken + "/upload/new/c.txt")
                                .PUT(HttpRequest.BodyPublishers.ofString("d")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(req("/api/s/" + folderToken + "/folders/made").POST(HttpRequest.BodyPublishers.noBody()))
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> deleted =
                send(req("/api/s/" + folderToken + "/items/made").DELETE());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertProblem(
                send(req("/api/s/" + fileToken + "/upload/x").PUT(HttpRequest.BodyPublishers.ofString("x"))),
                403,
                "forbidden");
        assertProblem(
                send(req("/api/s/" + folderToken + "/upload/..%2F..%2Fetc")
                        .PUT(HttpRequest.BodyPublishers.ofString("x"))),
                400,
                "validation_failed");
        assertProblem(send(req("/api/s/" + folderToken + "/items/%2e%2e").DELETE()), 400, "validation_failed");
    }

    @Test
    void reshareAnswersTheDerivedLink() {
        HttpResponse<String> r =
                postJson(req("/api/s/" + folderToken + "/shares/"), "{\"permissions\":{\"read\":true}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode s = json(r);
        List<String> names = new ArrayList<>();
        s.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactly("token", "url", "expires_at", "permissions", "max_upload_bytes", "max_file_bytes");
        assertThat(s.get("url").asText())
                .isEqualTo(PUBLIC_URL + "/s/" + s.get("token").asText());
        Share child = shares.shares.values().stream()
                .filter(x -> x.token().value().equals(s.get("token").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(child.parentId()).isPresent();
        assertProblem(postJson(req("/api/s/" + fileToken + "/shares"), "{}"), 403, "forbidden");
        assertProblem(
                postJson(req("/api/s/" + folderToken + "/shares"), "{\"token\":\"mine\"}"), 400, "validation_failed");
    }

    @Test
    void unknownPublicSubRouteKeepsThePublicHeaders() {
        HttpResponse<String> r = pub(folderToken + "/nothing-here");
        assertProblem(r, 404, "not_found");
        assertPublicHeaders(r, "no-store");
    }

    @Test
    void theRequestLogShowsTemplatesNotTokens() {
        Logger access = (Logger) LoggerFactory.getLogger("dev.sharebridge.http.access");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        access.addAppender(appender);
        try {
            HttpResponse<String> r = pub(fileToken + "/download");
            postJson(req("/api/s/" + lockedToken + "/verify"), "{\"password\":\"" + FakePublicShares.PASSWORD + "\"}");
            pub("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/zip");
            List<String> lines = appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
            assertThat(lines)
                    .anySatisfy(l -> assertThat(l)
                            .startsWith("method=GET route=/api/s/{token}/download status=200 ")
                            .endsWith(" request_id="
                                    + r.headers().firstValue("X-Request-Id").orElseThrow()));
            assertThat(lines)
                    .anySatisfy(l -> assertThat(l).startsWith("method=POST route=/api/s/{token}/verify status=200 "));
            assertThat(String.join("\n", lines))
                    .doesNotContain(fileToken)
                    .doesNotContain(lockedToken)
                    .doesNotContain("AAAAAAAA")
                    .doesNotContain(FakePublicShares.PASSWORD)
                    .doesNotContain("grant0x");
        } finally {
            access.detachAppender(appender);
        }
    }

    @Test
    void clientIdentityIsThePeerWhenNoProxyIsTrusted() {
        send(req("/api/s/" + fileToken).header("X-Forwarded-For", "203.0.113.9"));
        assertThat(publicShares.lastAccess.client()).isEqualTo("127.0.0.1");
    }
}
