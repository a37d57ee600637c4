package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 4 and its siblings: 1,000 malformed requests (bodies, query strings, headers)
 * against every JSON route of the real server, from a real user with real links. Each one starts
 * from a valid request and breaks it once, so none can succeed: every answer must be a 4xx
 * problem, never a 5xx, and afterwards every link, room and file is as it was.
 */
class MalformedRequestsE2eTest {
    private static final int REQUESTS = 1_000;
    private static final String PASSWORD = "a long passphrase";
    /** Values that no field accepts as they are (types, sizes, escapes, times, numbers). */
    private static final List<String> ANY_FIELD = List.of(
            "{}",
            "[]",
            "[\"x\"]",
            "{\"a\":{\"b\":[1]}}",
            "true",
            "1e400",
            "-0.0",
            "NaN",
            "\"\\ud800\"",
            "\"" + "x".repeat(70_000) + "\"");

    @TempDir
    Path dir;

    private E2eServer server;
    private Http http;
    private String alice;
    private String folderShareId;
    private String reshareToken;
    private String protectedToken;
    private String room;

    @BeforeEach
    void start() throws Exception {
        server = E2eServer.start(dir);
        http = server.http();
        alice = server.addUser("alice");
        assertThat(http.put("/api/files/docs/report.txt", "report".getBytes(StandardCharsets.UTF_8), bearer(alice))
                        .status())
                .isEqualTo(201);
        JsonNode folder = created(http.postJson(
                "/api/shares",
                Map.of("item_id", "docs", "permissions", Map.of("read", true, "write", true, "reshare", true)),
                bearer(alice)));
        folderShareId = folder.path("id").asText();
        reshareToken = folder.path("token").asText();
        protectedToken = created(http.postJson(
                        "/api/shares", Map.of("item_id", "docs/report.txt", "password", PASSWORD), bearer(alice)))
                .path("token")
                .asText();
        room = created(http.postJson("/v1/rooms", Map.of("title", "Weekly"), bearer(alice)))
                .path("id")
                .asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonNode created(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    /**
     * One request: method, path and query, JSON body text (or null), extra headers; a request
     * that may succeed (a bad Range is ignored) must still never get a 5xx.
     */
    private record Probe(String method, String path, String body, List<String> headers, boolean mayPass) {
        Probe(String method, String path, String body, List<String> headers) {
            this(method, path, body, headers, false);
        }

        @Override
        public String toString() {
            String b = body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
            return method + " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path) + " " + headers + " " + b;
        }
    }

    @Test
    void aThousandMalformedRequestsGetA4xxProblemAndChangeNothing() {
        String before = snapshot();
        Random random = new Random(13);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Probe p = probe(random);
            List<String> headers = new ArrayList<>(p.headers());
            if (p.body() != null) {
                headers.add("Content-Type");
                headers.add("application/json");
            }
            byte[] body = p.body() == null ? null : p.body().getBytes(StandardCharsets.UTF_8);
            if (p.body() != null && p.body().startsWith("BYTES:")) {
                body = bytes(p.body().substring(6));
            }
            Http.Response r = http.send(p.method(), p.path(), body, headers.toArray(String[]::new));
            statuses.merge(r.status(), 1, Integer::sum);
            String problem = problemOf(r);
            if (r.status() >= 500 || (r.status() < 400 && !p.mayPass()) || problem != null) {
                failures.add(r.status() + " " + (problem == null ? "" : problem + " ") + "for " + p);
            }
        }
        assertThat(failures).as("answers by status: %s", statuses).isEmpty();
        assertThat(snapshot()).isEqualTo(before);
    }

    /** Why a 4xx answer is not a proper problem, or null when it is one. */
    private static String problemOf(Http.Response r) {
        if (r.status() < 400 || r.status() >= 500) {
            return null;
        }
        if (!r.header("Content-Type").orElse("").startsWith("application/problem+json")) {
            return "not problem+json: " + r.header("Content-Type").orElse("-");
        }
        JsonNode json = r.json();
        if (json.path("status").asInt() != r.status()
                || json.path("code").asText().isEmpty()
                || json.path("detail").asText().isEmpty()) {
            return "incomplete problem: " + r.text();
        }
        return null;
    }

    /** Every link (less its counters, which opens move), every room, the files. */
    private String snapshot() {
        JsonNode links = http.get("/api/shares?limit=200", bearer(alice)).json();
        for (JsonNode s : links.path("items")) {
            ((ObjectNode) s).remove(List.of("access_count", "last_accessed_at"));
        }
        return links + "\n" + http.get("/v1/rooms", bearer(alice)).text() + "\n"
                + http.get("/api/folders/docs", bearer(alice)).text();
    }

    private Probe probe(Random random) {
        return switch (random.nextInt(9)) {
            case 0, 1 ->
                json(
                        "POST",
                        "/api/shares",
                        bearer(alice),
                        base("item_id", "\"docs\"", "permissions", "{\"read\":true}"),
                        shareFields(true),
                        random);
            case 2 -> json("PUT", "/api/shares/" + folderShareId, bearer(alice), base(), shareFields(false), random);
            case 3 ->
                json(
                        "POST",
                        "/api/s/" + reshareToken + "/shares",
                        List.of(),
                        base("label", "\"child\""),
                        reshareFields(),
                        random);
            case 4 ->
                json(
                        "POST",
                        "/api/s/" + protectedToken + "/verify",
                        List.of(),
                        base(),
                        Map.of("password", List.of("123", "{}", "[]", "false", "[\"" + PASSWORD + "\"]")),
                        random);
            case 5 ->
                json(
                        "POST",
                        "/v1/rooms",
                        bearer(alice),
                        base("title", "\"t\""),
                        Map.of(
                                "title",
                                List.of(
                                        "5",
                                        "\"" + "x".repeat(300) + "\"",
                                        "\"a\\u202Eb\"",
                                        "\"a\\u0000b\"",
                                        "\"\\udfff\"")),
                        random);
            case 6 ->
                json(
                        "POST",
                        "/v1/rooms/" + room + "/start",
                        List.of(),
                        base("invite_code", "\"nope\"", "display_name", "\"Guest\""),
                        Map.of("display_name", List.of("\"\"", "\"a\\u202Eb\"", "\"" + "g".repeat(101) + "\"", "7")),
                        random);
            case 7 -> listing(random);
            default -> range(random);
        };
    }

    private static Map<String, String> base(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static final List<String> BAD_EXPIRY = List.of(
            "\"+292278995-01-01T00:00:00Z\"",
            "\"+999999999-12-31T23:59:59Z\"",
            "\"+1000000000-01-01T00:00:00Z\"",
            "\"10000-01-01T00:00:00Z\"",
            "\"-999999999-01-01T00:00:00Z\"",
            "\"2020-01-01T00:00:00Z\"",
            "\"2026-13-45T00:00:00Z\"",
            "\"tomorrow\"",
            "1893456000",
            "1.5e300",
            "\"\"");
    private static final List<String> BAD_PERMISSIONS = List.of(
            "{\"read\":\"yes\"}",
            "{\"read\":false,\"write\":false}",
            "{\"read\":true,\"admin\":true}",
            "\"rw\"",
            "[true]",
            "{\"read\":1}",
            "null");
    private static final List<String> BAD_PASSWORD = List.of(
            "\"short\"",
            "123",
            "\"\\ud800Qx7-harbour-lantern\"",
            "\"Password2024\"",
            "\"welcome2024\"",
            "\"qwertzuiop\"",
            "\"" + "p".repeat(100) + "\"",
            "\"tab\\there-is-long\"");

    private static Map<String, List<String>> shareFields(boolean create) {
        Map<String, List<String>> f = new LinkedHashMap<>();
        if (create) {
            f.put(
                    "item_id",
                    List.of(
                            "123",
                            "\"docs/missing\"",
                            "\"../etc\"",
                            "\"a//b\"",
                            "\"" + "d".repeat(300) + "\"",
                            "\"docs/\\u202Ex\"",
                            "\"docs/\\ud800\"",
                            "null"));
            f.put("item_type", List.of("\"dir\"", "\"file\"", "1", "\"FOLDER\""));
        }
        f.put("password", BAD_PASSWORD);
        f.put("expires_at", BAD_EXPIRY);
        f.put("permissions", create ? BAD_PERMISSIONS.subList(0, BAD_PERMISSIONS.size() - 1) : BAD_PERMISSIONS);
        f.put("label", List.of("\"" + "l".repeat(300) + "\"", "5", "\"a\\u202Eb\"", "\"line\\nbreak\"", "\"\\udfff\""));
        f.put(
                "max_accesses",
                List.of(
                        "0",
                        "-1",
                        "1.5",
                        "\"5\"",
                        "99999999999999999999",
                        "9223372036854775808",
                        "1e30",
                        "-9223372036854775809"));
        f.put("token", List.of("\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\""));
        f.put("access_count", List.of("5"));
        f.put("created_by", List.of("\"bob\""));
        f.put("id", List.of("\"00000000-0000-0000-0000-000000000000\""));
        return f;
    }

    private static Map<String, List<String>> reshareFields() {
        Map<String, List<String>> f = new LinkedHashMap<>();
        f.put("password", BAD_PASSWORD);
        f.put("expires_at", BAD_EXPIRY);
        f.put("permissions", BAD_PERMISSIONS.subList(0, BAD_PERMISSIONS.size() - 1));
        f.put("label", List.of("\"" + "l".repeat(300) + "\"", "\"a\\u202Eb\"", "{}"));
        f.put("max_accesses", List.of("1"));
        f.put("item_id", List.of("\"docs\""));
        return f;
    }

    /** A valid body broken once: a bad value in one field, or broken JSON around good values. */
    private static Probe json(
            String method,
            String path,
            String[] auth,
            Map<String, String> valid,
            Map<String, List<String>> bad,
            Random random) {
        return json(method, path, List.of(auth), valid, bad, random);
    }

    private static Probe json(
            String method,
            String path,
            List<String> auth,
            Map<String, String> valid,
            Map<String, List<String>> bad,
            Random random) {
        Map<String, String> fields = new LinkedHashMap<>(valid);
        String text;
        int how = random.nextInt(10);
        if (how < 6) {
            List<String> names = new ArrayList<>(bad.keySet());
            String name = names.get(random.nextInt(names.size()));
            List<String> values = bad.get(name);
            fields.put(name, values.get(random.nextInt(values.size())));
            text = object(fields);
        } else if (how == 6) {
            String name = new ArrayList<>(bad.keySet()).get(random.nextInt(bad.size()));
            fields.put(name, ANY_FIELD.get(random.nextInt(ANY_FIELD.size())));
            text = object(fields);
        } else if (how == 7) {
            // a duplicate key: the second of two values must not silently win
            String name = valid.isEmpty() ? "label" : valid.keySet().iterator().next();
            String first = valid.getOrDefault(name, "\"a\"");
            text = "{\"" + name + "\":" + first + ",\"" + name + "\":" + first + "}";
        } else if (how == 8) {
            fields.put("unknown_" + random.nextInt(100), "1");
            text = object(fields);
        } else {
            String whole = object(fields);
            text = switch (random.nextInt(8)) {
                case 0 -> whole.substring(0, Math.max(1, whole.length() - 1));
                case 1 -> "[" + whole + "]";
                case 2 -> "\"" + whole.replace("\"", "'") + "\"";
                case 3 -> "{".repeat(200) + "}".repeat(200);
                case 4 -> whole + whole;
                case 5 ->
                    "BYTES:" + whole.replace("}", ",\"label\":\"\uFFFF\"}").replace("\uFFFF", "\u00ff");
                case 6 -> "nul";
                default -> "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
            };
        }
        return new Probe(method, path, text, auth);
    }

    private static String object(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        for (Iterator<Map.Entry<String, String>> it = fields.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> e = it.next();
            sb.append('"').append(e.getKey()).append("\":").append(e.getValue());
            if (it.hasNext()) {
                sb.append(',');
            }
        }
        return sb.append('}').toString();
    }

    /** Latin-1 bytes: invalid UTF-8 where the text has a character above U+007F. */
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private Probe listing(Random random) {
        List<String> queries = List.of(
                "limit=-1",
                "limit=0",
                "limit=201",
                "limit=99999999999999999999",
                "limit=abc",
                "limit=1.5",
                "limit=",
                "cursor=garbage",
                "cursor=" + "A".repeat(2000),
                "cursor=MS4xLjI",
                "cursor=MS45OTk5OTk5OTk5OTk5OTk5OTk5OTkuMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw",
                "item_id=..%2Fetc",
                "item_id=a%2F%2Fb",
                "item_id=%00",
                "limit=-5&limit=50");
        return new Probe(
                "GET", "/api/shares?" + queries.get(random.nextInt(queries.size())), null, List.of(bearer(alice)));
    }

    private Probe range(Random random) {
        List<String> ranges = List.of(
                "bytes=99999999999999999999-",
                "bytes=-99999999999999999999",
                "bytes=5-1",
                "bytes=999999999999999999-",
                "bytes=9223372036854775807-9223372036854775807",
                "bytes=-9223372036854775808",
                "bytes=0-99999999999999999999",
                "bytes=" + "9".repeat(5000) + "-",
                "bytes=1-2,3-4",
                "bytes=-",
                "bytes=--1",
                "chars=0-1");
        // an unsatisfiable range is 416, one that cannot be read is ignored (200): never a 5xx
        return new Probe(
                "GET",
                "/api/s/" + reshareToken + "/download/report.txt",
                null,
                List.of("Range", ranges.get(random.nextInt(ranges.size()))),
                true);
    }
}
