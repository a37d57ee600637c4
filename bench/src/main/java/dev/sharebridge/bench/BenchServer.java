package dev.sharebridge.bench;

import dev.sharebridge.bootstrap.Sharebridge;
import dev.sharebridge.bootstrap.config.SharebridgeConfig;
import dev.sharebridge.domain.user.UserId;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server side of the HTTP benchmarks, run as its own JVM so that its resident memory and CPU
 * are the server's alone: the embedded default Sharebridge (H2 file database, local storage) with
 * seeded share links, and beside it in the same JVM a bare Javalin with the two reference routes
 * the product is compared against ({@code GET /const}, a constant JSON answer, and
 * {@code GET /static}, the 1 GiB file sent without any share logic).
 *
 * <p>Usage: {@code BenchServer DIR BIG_FILE_MIB}. Writes {@code DIR/ready.properties} (ports,
 * link tokens, the owner's API token and folder) when both servers listen and stops when its standard input closes.
 */
public final class BenchServer {
    static final String WRONG_PASSWORD = "not-the-password-1";
    private static final String PASSWORD = "bench-password-42";
    private static final byte[] CONSTANT = ("{\"item_name\":\"hello.txt\",\"item_type\":\"file\",\"size\":12,"
                    + "\"has_password\":false,\"expires_at\":null,\"permissions\":{\"read\":true,\"write\":false,"
                    + "\"reshare\":false},\"label\":null}")
            .getBytes(StandardCharsets.UTF_8);

    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        long bigMiB = Long.parseLong(args[1]);
        String toml = "[server]\nbind = \"127.0.0.1\"\nport = 0\ndata_dir = \"" + dir.resolve("data") + "\"\n";
        try (Sharebridge sb = Sharebridge.open(SharebridgeConfig.parse("bench.toml", toml, Map.of()))) {
            int port = sb.start();
            String apiToken = sb.addUser().add(UserId.of("bench")).token();
            Seeder seed = new Seeder("http://127.0.0.1:" + port, apiToken);
            seed.put("hello.txt", "hello world\n".getBytes(StandardCharsets.UTF_8));
            seed.put("big.bin", new byte[1]);
            Path big = find(dir.resolve("data"), "big.bin");
            try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
                // sparse: both routes read the same file, and the disk is not what is measured
                f.setLength(bigMiB << 20);
            }
            String open = seed.share("{\"item_id\":\"hello.txt\"}");
            String other = seed.share("{\"item_id\":\"hello.txt\",\"label\":\"second\"}");
            String locked = seed.share("{\"item_id\":\"hello.txt\",\"password\":\"" + PASSWORD + "\"}");
            String bigShare = seed.share("{\"item_id\":\"big.bin\"}");

            Javalin reference = reference(big);
            StringBuilder ready = new StringBuilder()
                    .append("pid=")
                    .append(ProcessHandle.current().pid())
                    .append('\n')
                    .append("port=")
                    .append(port)
                    .append('\n')
                    .append("reference=")
                    .append(reference.port())
                    .append('\n')
                    .append("open=")
                    .append(open)
                    .append('\n')
                    .append("other=")
                    .append(other)
                    .append('\n')
                    .append("locked=")
                    .append(locked)
                    .append('\n')
                    .append("big=")
                    .append(bigShare)
                    .append('\n')
                    .append("bigBytes=")
                    .append(Files.size(big))
                    .append('\n')
                    // for the WebDAV benchmark: the owner's credentials and folder on the disk
                    .append("user=bench\n")
                    .append("apiToken=")
                    .append(apiToken)
                    .append('\n')
                    .append("userDir=")
                    .append(big.getParent().toString().replace("\\", "/"))
                    .append('\n');
            Path tmp = dir.resolve("ready.tmp");
            Files.writeString(tmp, ready);
            Files.move(tmp, dir.resolve("ready.properties"));
            // runs until the benchmark closes our standard input (or dies, which closes it too)
            while (System.in.read() >= 0) {
                // ignore input
            }
            reference.stop();
        }
    }

    /** The bare Javalin the product is measured against; Javalin and Jetty defaults, no share logic. */
    static Javalin reference(Path big) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.get(
                    "/const",
                    ctx -> ctx.status(200).contentType("application/json").result(CONSTANT));
            config.routes.get("/static", ctx -> {
                ctx.status(200).contentType("application/octet-stream");
                ctx.res().setContentLengthLong(Files.size(big));
                try (InputStream in = Files.newInputStream(big)) {
                    OutputStream out = ctx.res().getOutputStream();
                    in.transferTo(out);
                    out.flush();
                }
            });
        });
        return app.start();
    }

    private static Path find(Path root, String name) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(name + " not found below " + root));
        }
    }

    /** Seeds files and share links through the product's own API. */
    private record Seeder(String base, String apiToken) {
        private static final HttpClient CLIENT = HttpClient.newHttpClient();
        private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

        void put(String path, byte[] body) throws IOException, InterruptedException {
            send(HttpRequest.newBuilder(URI.create(base + "/api/files/" + path))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
        }

        String share(String json) throws IOException, InterruptedException {
            String answer = send(HttpRequest.newBuilder(URI.create(base + "/api/shares"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
            Matcher m = TOKEN.matcher(answer);
            if (!m.find()) {
                throw new IllegalStateException("no token in the answer to POST /api/shares");
            }
            return m.group(1);
        }

        private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
            HttpResponse<String> response = CLIENT.send(
                    request.header("Authorization", "Bearer " + apiToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "seeding failed: HTTP " + response.statusCode() + " " + response.body());
            }
            return response.body();
        }
    }
}
