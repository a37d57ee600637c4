package dev.sharebridge.bench;

import dev.sharebridge.bootstrap.Sharebridge;
import dev.sharebridge.bootstrap.config.SharebridgeConfig;
import dev.sharebridge.domain.user.UserId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Shared-folder creation ({@code PUT /v1/rooms/{id}/shared_folder}) against a replay of the
 * recorded NextCloud answers, every answer held back by {@link #ROUND_TRIP_MS} like a NextCloud
 * on the network. Counts the upstream requests, how many of them had to wait for one another
 * (the critical path, in round trips), and compares the time with the same calls made directly
 * with OkHttp: the folder, then both links in parallel.
 */
final class SharedFolderBench {
    static final long ROUND_TRIP_MS = 40;
    private static final Path FIXTURES = Path.of("adapter-nextcloud/src/test/resources/nextcloud");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final Report report;
    private final int rounds;

    SharedFolderBench(Report report, int rounds) {
        this.report = report;
        this.rounds = rounds;
    }

    /** The replayed NextCloud: MKCOL makes a folder once (then 405), OCS POST makes a link. */
    private static final class Replay extends Dispatcher {
        final List<Long> arrivals = new CopyOnWriteArrayList<>();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final Set<String> folders = ConcurrentHashMap.newKeySet();
        final AtomicInteger ids = new AtomicInteger(100);
        final String shareJson;
        final String exists;
        String origin = "";

        Replay() throws IOException {
            shareJson = Files.readString(FIXTURES.resolve("ocs/create-read-write.json"));
            exists = Files.readString(FIXTURES.resolve("dav/mkcol-405-exists.xml"));
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            arrivals.add(System.nanoTime());
            String path = request.getUrl().encodedPath();
            requests.add(request.getMethod() + " " + path);
            MockResponse.Builder answer = new MockResponse.Builder().headersDelay(ROUND_TRIP_MS, TimeUnit.MILLISECONDS);
            if (request.getMethod().equals("MKCOL")) {
                if (folders.add(path)) {
                    return answer.code(201).setHeader("Content-Length", "0").build();
                }
                return answer.code(405)
                        .setHeader("Content-Type", "application/xml; charset=utf-8")
                        .body(exists)
                        .build();
            }
            if (request.getMethod().equals("POST") && path.endsWith("/apps/files_sharing/api/v1/shares")) {
                String form = request.getBody() == null ? "" : request.getBody().utf8();
                Matcher perms = Pattern.compile("permissions=(\\d+)").matcher(form);
                String permissions = perms.find() ? perms.group(1) : "1";
                String body = shareJson
                        .replace("\"permissions\":31", "\"permissions\":" + permissions)
                        .replace("\"id\":\"61\"", "\"id\":\"" + ids.incrementAndGet() + "\"")
                        .replace("http:\\/\\/127.0.0.1:8080", origin.replace("/", "\\/"));
                return answer.code(200)
                        .setHeader("Content-Type", "application/json; charset=utf-8")
                        .body(body)
                        .build();
            }
            if (request.getMethod().equals("DELETE")) {
                return answer.code(204).build();
            }
            return answer.code(404).build();
        }

        void reset() {
            arrivals.clear();
            requests.clear();
        }

        /** Requests that arrived while none of the earlier ones had been answered yet run in parallel. */
        int criticalPath() {
            List<Long> sorted = arrivals.stream().sorted().toList();
            int waves = 0;
            long waveStart = Long.MIN_VALUE;
            for (long t : sorted) {
                if (waves == 0 || t - waveStart > TimeUnit.MILLISECONDS.toNanos(ROUND_TRIP_MS) / 2) {
                    waves++;
                    waveStart = t;
                }
            }
            return waves;
        }
    }

    void run() throws Exception {
        System.out.println(
                "[4] shared folder creation against the NextCloud replay (" + ROUND_TRIP_MS + " ms per round trip)");
        Replay replay = new Replay();
        Path dir = Files.createTempDirectory("sharebridge-bench-folder");
        try (MockWebServer nextcloud = new MockWebServer()) {
            nextcloud.setDispatcher(replay);
            nextcloud.start();
            String base = nextcloud.url("/").toString();
            replay.origin = base.substring(0, base.length() - 1);
            String toml = "[server]\nbind = \"127.0.0.1\"\nport = 0\ndata_dir = \"" + dir.resolve("data") + "\"\n"
                    + "[shared_folder]\nprovider = \"nextcloud\"\nurl = \"" + base + "\"\nusername = \"admin\"\n"
                    + "password = \"bench-secret\"\ndirectory = \"meetings\"\n";
            OkHttpClient http = new OkHttpClient();
            try (Sharebridge sb = Sharebridge.open(SharebridgeConfig.parse("bench.toml", toml, Map.of()))) {
                int port = sb.start();
                String api = "http://127.0.0.1:" + port;
                String token = sb.addUser().add(UserId.of("moderator")).token();
                for (int i = -1; i < rounds; i++) {
                    String room = create(http, api, token);
                    replay.reset();
                    long start = System.nanoTime();
                    try (Response r = http.newCall(new Request.Builder()
                                    .url(api + "/v1/rooms/" + room + "/shared_folder")
                                    .header("Authorization", "Bearer " + token)
                                    .put(RequestBody.create(new byte[0]))
                                    .build())
                            .execute()) {
                        if (r.code() != 201) {
                            throw new IllegalStateException("PUT shared_folder answered " + r.code() + " "
                                    + r.body().string());
                        }
                    }
                    double productMs = (System.nanoTime() - start) / 1e6;
                    int requests = replay.requests.size();
                    int critical = replay.criticalPath();
                    List<String> seen = new ArrayList<>(replay.requests);
                    replay.reset();
                    double directMs = direct(http, base, "direct-" + i);
                    if (i < 0) {
                        System.out.println("  upstream requests of one creation: " + seen);
                        continue; // warm-up
                    }
                    report.add("4 NextCloud requests per creation", "requests", requests);
                    report.add("4 round trips on the critical path", "round trips (goal 2)", critical);
                    report.add("4 PUT shared_folder", "ms", productMs);
                    report.add("4 same calls made directly", "ms", directMs);
                    report.add("4 product / direct", "ratio", productMs / directMs);
                }
            }
        }
    }

    private static String create(OkHttpClient http, String api, String token) throws IOException {
        try (Response r = http.newCall(new Request.Builder()
                        .url(api + "/v1/rooms")
                        .header("Authorization", "Bearer " + token)
                        .post(RequestBody.create("{\"title\":\"bench\"}", MediaType.get("application/json")))
                        .build())
                .execute()) {
            String body = r.body().string();
            Matcher m = ID.matcher(body);
            if (r.code() != 201 || !m.find()) {
                throw new IllegalStateException("POST /v1/rooms answered " + r.code());
            }
            return m.group(1);
        }
    }

    /** The folder, then both links in parallel: the critical path the product should have. */
    private static double direct(OkHttpClient http, String base, String name) throws Exception {
        String auth = Credentials.basic("admin", "bench-secret");
        long start = System.nanoTime();
        try (Response r = http.newCall(new Request.Builder()
                        .url(base + "remote.php/dav/files/admin/meetings/" + name)
                        .header("Authorization", auth)
                        .method("MKCOL", null)
                        .build())
                .execute()) {
            if (r.code() != 201) {
                throw new IllegalStateException("direct MKCOL answered " + r.code());
            }
        }
        java.util.concurrent.CountDownLatch links = new java.util.concurrent.CountDownLatch(2);
        for (String permissions : new String[] {"15", "1"}) {
            http.newCall(new Request.Builder()
                            .url(base + "ocs/v2.php/apps/files_sharing/api/v1/shares")
                            .header("Authorization", auth)
                            .header("OCS-APIRequest", "true")
                            .header("Accept", "application/json")
                            .post(new FormBody.Builder()
                                    .add("path", "/meetings/" + name)
                                    .add("shareType", "3")
                                    .add("permissions", permissions)
                                    .add("password", "Bench-Password-1")
                                    .build())
                            .build())
                    .enqueue(new Callback() {
                        @Override
                        public void onResponse(Call call, Response response) {
                            response.close();
                            links.countDown();
                        }

                        @Override
                        public void onFailure(Call call, IOException e) {
                            links.countDown();
                        }
                    });
        }
        if (!links.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("direct link creation did not finish");
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
