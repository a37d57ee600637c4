package dev.sharebridge.bootstrap.config;

import dev.sharebridge.adapter.http.javalin.AnswerDelays;
import dev.sharebridge.application.service.quota.QuotaSettings;
import dev.sharebridge.application.service.share.ShareSettings;
import dev.sharebridge.application.service.upload.UploadSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Gives the raw settings their meaning: defaults, ranges, cross-key rules, normalisation. */
final class ConfigBinder {
    static final String DEFAULT_BIND = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_DATA_DIR = "./data";
    static final int DEFAULT_IDLE_TIMEOUT_S = 30;
    static final int DEFAULT_BODY_TIMEOUT_S = 20;
    static final int DEFAULT_MIN_BODY_BYTES_PER_S = 500;
    static final int DEFAULT_MAX_REQUESTS_PER_CLIENT = 128;
    static final int DEFAULT_BCRYPT_COST = 12;
    static final int DEFAULT_MAX_JSON_BYTES = 65_536;
    static final int DEFAULT_CACHE_MS = 100;
    /** 1 TiB: more than any single upload a person makes through a browser. */
    static final int MAX_UPLOAD_MIB = 1024 * 1024;

    static final int MAX_CACHE_MS = 60_000;
    static final int MAX_EXPIRY_DAYS = 36_500;

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final RawSettings raw;
    private final Problems problems;
    private final Origin fallback;
    private final KeyDefaults defaults = new KeyDefaults();

    private ConfigBinder(RawSettings raw, Problems problems, Origin fallback) {
        this.raw = raw;
        this.problems = problems;
        this.fallback = fallback;
    }

    static SharebridgeConfig bind(Optional<Path> file, RawSettings raw, Problems problems, Origin fallback) {
        return new ConfigBinder(raw, problems, fallback).config(file);
    }

    /** The default and range of every key, as binding an empty configuration applies them. */
    static KeyDefaults builtInDefaults() {
        Problems problems = new Problems();
        ConfigBinder binder = new ConfigBinder(
                RawSettings.read(Optional.empty(), Map.of(), problems), problems, Origin.file("configuration", 0));
        binder.config(Optional.empty());
        return binder.defaults;
    }

    private SharebridgeConfig config(Optional<Path> file) {
        ServerConfig server = server();
        DatabaseConfig database = database(server.dataDir());
        return new SharebridgeConfig(
                file,
                server,
                database,
                storage(server.dataDir()),
                sharedFolder(),
                security(database),
                limits(),
                cache(),
                uploads(server.dataDir()));
    }

    private SectionReader reader(String name) {
        return new SectionReader(name, raw.section(name), problems, fallback, defaults);
    }

    private ServerConfig server() {
        SectionReader s = reader("server");
        String bind = s.string("bind", DEFAULT_BIND);
        if (bind.isBlank() || bind.chars().anyMatch(Character::isWhitespace) || bind.startsWith("[")) {
            s.error("bind", "must be an IP address or host name without brackets or spaces");
            bind = DEFAULT_BIND;
        }
        int port = s.integer("port", DEFAULT_PORT, 0, 65535);
        Path dataDir = path(s, "data_dir", DEFAULT_DATA_DIR);
        String hostInUrl = bind.contains(":") ? "[" + bind + "]" : bind;
        String publicUrl = s.optionalString("public_url")
                .flatMap(url -> publicUrl(s, url))
                .orElse("http://" + hostInUrl + ":" + port);
        int idle = s.integer("idle_timeout_s", DEFAULT_IDLE_TIMEOUT_S, 1, 3600);
        int body = s.integer("body_timeout_s", DEFAULT_BODY_TIMEOUT_S, 1, 3600);
        int minRate = s.integer("min_body_bytes_per_s", DEFAULT_MIN_BODY_BYTES_PER_S, 1, 1024 * 1024 * 1024);
        int perClient = s.integer("max_requests_per_client", DEFAULT_MAX_REQUESTS_PER_CLIENT, 1, 100_000);
        int bodies = s.integer("max_body_requests", 0, 0, 100_000);
        return new ServerConfig(
                bind,
                port,
                publicUrl,
                dataDir,
                Duration.ofSeconds(idle),
                Duration.ofSeconds(body),
                minRate,
                perClient,
                bodies);
    }

    private static Optional<String> publicUrl(SectionReader s, String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            s.error("public_url", "not a valid URL: " + e.getReason());
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            s.error("public_url", "must be an absolute http:// or https:// URL with a host");
            return Optional.empty();
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            s.error("public_url", "must not contain user info, a query or a fragment");
            return Optional.empty();
        }
        String result = uri.toString();
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return Optional.of(result);
    }

    private Path path(SectionReader s, String key, String defaultValue) {
        String text = s.string(key, defaultValue);
        if (text.isBlank()) {
            s.error(key, "must not be empty");
            return Path.of(defaultValue);
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            s.error(key, "not a valid path: " + e.getReason());
            return Path.of(defaultValue);
        }
    }

    private DatabaseConfig database(Path dataDir) {
        SectionReader s = reader("database");
        String url =
                s.string("url", "jdbc:h2:file:" + h2Path(dataDir.resolve("db").resolve("sharebridge")));
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            s.error("url", "must be an H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql://...) JDBC URL");
        }
        return new DatabaseConfig(url, s.string("username", ""), s.string("password", ""));
    }

    /** H2 refuses a path that is only implicitly relative to the working directory. */
    static String h2Path(Path path) {
        String text = path.toString().replace('\\', '/');
        if (path.isAbsolute() || text.startsWith("./") || text.startsWith("../") || text.startsWith("~")) {
            return text;
        }
        return "./" + text;
    }

    private StorageConfig storage(Path dataDir) {
        SectionReader s = reader("storage");
        String provider = provider(s);
        if (provider.equals("nextcloud")) {
            s.notUsed("root", "with provider = \"nextcloud\" (root is for \"local\")");
            Optional<NextcloudAccount> account = nextcloudAccount(s);
            String directory = directory(s);
            return account.<StorageConfig>map(a -> new StorageConfig.Nextcloud(a, directory))
                    .orElseGet(() -> new StorageConfig.Local(dataDir.resolve("files")));
        }
        for (String key : List.of("url", "username", "password", "directory")) {
            s.notUsed(key, "with provider = \"local\" (it is for \"nextcloud\")");
        }
        return new StorageConfig.Local(path(s, "root", dataDir.resolve("files").toString()));
    }

    private SharedFolderConfig sharedFolder() {
        SectionReader s = reader("shared_folder");
        String provider = provider(s);
        Optional<NextcloudAccount> account = Optional.empty();
        if (provider.equals("nextcloud")) {
            account = nextcloudAccount(s);
        } else {
            for (String key : List.of("url", "username", "password")) {
                s.notUsed(key, "with provider = \"local\" (it is for \"nextcloud\")");
            }
        }
        String directory = directory(s);
        OptionalInt expiry = s.boundedInteger("expiry", 1, MAX_EXPIRY_DAYS)
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
        return new SharedFolderConfig(account, directory, expiry);
    }

    private static String provider(SectionReader s) {
        String provider = s.string("provider", "local");
        if (!provider.equals("local") && !provider.equals("nextcloud")) {
            s.error("provider", "must be \"local\" or \"nextcloud\"");
            return "local";
        }
        return provider;
    }

    private Optional<NextcloudAccount> nextcloudAccount(SectionReader s) {
        String why = "when provider = \"nextcloud\"";
        Optional<URI> url = s.required("url", why).flatMap(text -> nextcloudUrl(s, text));
        Optional<String> username = s.required("username", why);
        Optional<String> password = s.required("password", why);
        if (url.isEmpty() || username.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NextcloudAccount(url.get(), username.get(), password.get()));
    }

    private static Optional<URI> nextcloudUrl(SectionReader s, String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            s.error("url", "not a valid URL: " + e.getReason());
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            s.error("url", "must be an absolute https:// URL with a host");
            return Optional.empty();
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            s.error("url", "must use https:// (http:// is allowed only for localhost, 127.0.0.0/8 and ::1)");
            return Optional.empty();
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            s.error("url", "must not contain user info, a query or a fragment (use username and password)");
            return Optional.empty();
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        return Optional.of(URI.create(scheme + "://" + uri.getRawAuthority() + path));
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("[::1]") || h.equals("::1")) {
            return true;
        }
        var ipv4 = IPV4.matcher(h);
        return ipv4.matches() && validIpv4(ipv4) && h.startsWith("127.");
    }

    private static boolean validIpv4(java.util.regex.Matcher m) {
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    private static String directory(SectionReader s) {
        String text = s.string("directory", "");
        List<String> segments = new ArrayList<>();
        for (String segment : text.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals(".")
                    || segment.equals("..")
                    || segment.contains("\\")
                    || CONTROL.matcher(segment).find()) {
                s.error("directory", "must be a plain folder path (no '.', '..', '\\' or control characters)");
                return "";
            }
            segments.add(segment);
        }
        return String.join("/", segments);
    }

    /**
     * On PostgreSQL the key must be configured: several instances share the database, and each
     * would otherwise seal and sign with a key file of its own that the others cannot read.
     */
    private SecurityConfig security(DatabaseConfig database) {
        SectionReader s = reader("security");
        int cost = s.integer("bcrypt_cost", DEFAULT_BCRYPT_COST, 10, 16);
        Optional<String> secretKey = s.optionalString("secret_key").map(String::trim);
        if (secretKey.isPresent() && !isKey(secretKey.get())) {
            s.error("secret_key", "must be the base64 form of exactly 32 bytes (e.g. `openssl rand -base64 32`)");
            secretKey = Optional.empty();
        }
        Optional<Path> secretKeyFile = s.optionalString("secret_key_file").flatMap(text -> keyFile(s, text));
        if (s.has("secret_key_file") && s.has("secret_key")) {
            s.error("secret_key_file", "set either secret_key or secret_key_file, not both");
        }
        if (!database.isH2() && !s.has("secret_key") && !s.has("secret_key_file")) {
            s.error(
                    "secret_key",
                    "required on PostgreSQL, the same on every instance: set it to the output of"
                            + " `openssl rand -base64 32`, or set secret_key_file to a file holding that");
        }
        List<String> previousKeys = new ArrayList<>();
        List<String> listed = s.stringList("previous_secret_keys");
        for (int i = 0; i < listed.size(); i++) {
            if (isKey(listed.get(i).trim())) {
                previousKeys.add(listed.get(i).trim());
            } else {
                // the entry is named by its place: it may be a key with a typo
                s.error("previous_secret_keys", "entry " + (i + 1) + " is not the base64 form of exactly 32 bytes");
            }
        }
        List<String> proxies = new ArrayList<>();
        for (String proxy : s.stringList("trusted_proxies")) {
            if (isAddressOrRange(proxy.trim())) {
                proxies.add(proxy.trim());
            } else {
                s.error("trusted_proxies", "'" + proxy + "' is not an IP address or CIDR range");
            }
        }
        // the defaults of the throttles are the application's own (ShareSettings), so that an
        // embedding application and the server are throttled alike
        int grantTtl = s.integer("grant_ttl_seconds", seconds(ShareSettings.DEFAULT_GRANT_TTL), 60, 3600);
        int visitTtl = s.integer(
                "visit_ttl_seconds",
                seconds(ShareSettings.DEFAULT_VISIT_TTL),
                60,
                seconds(ShareSettings.MAX_VISIT_TTL));
        int perClient =
                s.integer("verify_failures_per_client", ShareSettings.DEFAULT_VERIFY_FAILURES_PER_CLIENT, 1, 1000);
        int window = s.integer("verify_window_seconds", seconds(ShareSettings.DEFAULT_VERIFY_WINDOW), 1, 86_400);
        int perToken =
                s.integer("verify_failures_per_token", ShareSettings.DEFAULT_VERIFY_FAILURES_PER_TOKEN, 1, 1_000_000);
        int slots = s.integer("hashing_slots", 0, 0, 1024);
        if (slots == 0) {
            slots = ShareSettings.defaultHashingSlots();
        }
        int notFound = s.integer("not_found_per_client", ShareSettings.DEFAULT_NOT_FOUND_PER_CLIENT, 1, 1_000_000);
        int notFoundWindow =
                s.integer("not_found_window_seconds", seconds(ShareSettings.DEFAULT_NOT_FOUND_WINDOW), 1, 86_400);
        // the answer delays are the HTTP adapter's policy, with its defaults (AnswerDelays)
        int delay = s.integer("verify_delay_ms", millis(AnswerDelays.DEFAULT_VERIFY_DELAY), 0, 10_000);
        int delayMax = s.integer("verify_delay_max_ms", millis(AnswerDelays.DEFAULT_VERIFY_DELAY_MAX), 0, 60_000);
        if (delayMax < delay) {
            s.error("verify_delay_max_ms", "must not be below verify_delay_ms (" + delay + ")");
            delayMax = delay;
        }
        return new SecurityConfig(
                cost,
                secretKey,
                secretKeyFile,
                previousKeys,
                proxies,
                Duration.ofSeconds(grantTtl),
                perClient,
                Duration.ofSeconds(window),
                perToken,
                slots,
                notFound,
                Duration.ofSeconds(notFoundWindow),
                Duration.ofMillis(delay),
                Duration.ofMillis(delayMax),
                Duration.ofSeconds(visitTtl));
    }

    private static Optional<Path> keyFile(SectionReader s, String text) {
        if (text.isBlank()) {
            s.error("secret_key_file", "must not be empty");
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            s.error("secret_key_file", "not a valid path: " + e.getReason());
            return Optional.empty();
        }
    }

    private static int seconds(Duration d) {
        return Math.toIntExact(d.toSeconds());
    }

    private static int millis(Duration d) {
        return Math.toIntExact(d.toMillis());
    }

    static boolean isKey(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length == 32;
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(base64).length == 32;
            } catch (IllegalArgumentException e2) {
                return false;
            }
        }
    }

    /** An IPv4/IPv6 literal with an optional /prefix; never looks up a host name. */
    static boolean isAddressOrRange(String text) {
        String address = text;
        int prefix = -1;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            address = text.substring(0, slash);
            String digits = text.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                return false;
            }
            prefix = Integer.parseInt(digits);
        }
        var ipv4 = IPV4.matcher(address);
        if (ipv4.matches()) {
            return validIpv4(ipv4) && prefix <= 32;
        }
        if (address.contains(":") && IPV6_CHARS.matcher(address).matches()) {
            try {
                // A string with ':' is parsed as an IPv6 literal and never resolved through DNS.
                java.net.InetAddress.getByName(address);
                return prefix <= 128;
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * Links' rows are kept for 100 ms by default on either database: every change is published to
     * the other instances, which forget at once (docs/performance.md: on PostgreSQL 100 ms gives
     * about seven times the opens of a busy link that 0 does, 1000 ms little more), and 100 ms
     * bounds what nobody publishes, a lost notification among them.
     */
    private CacheConfig cache() {
        SectionReader s = reader("cache");
        int shares = s.integer("shares_ms", DEFAULT_CACHE_MS, 0, MAX_CACHE_MS);
        int files = s.integer("files_ms", DEFAULT_CACHE_MS, 0, MAX_CACHE_MS);
        return new CacheConfig(Duration.ofMillis(shares), Duration.ofMillis(files));
    }

    /** The quota's default is the application's ({@link QuotaSettings}). */
    private LimitsConfig limits() {
        SectionReader s = reader("limits");
        int maxJson = s.integer("max_json_bytes", DEFAULT_MAX_JSON_BYTES, 1024, 16 * 1024 * 1024);
        int quotaMib =
                s.integer("user_quota_mib", (int) (QuotaSettings.DEFAULT_USER_QUOTA_BYTES >> 20), 0, Integer.MAX_VALUE);
        return new LimitsConfig(maxJson, (long) quotaMib << 20);
    }

    /** The defaults are the application's ({@link UploadSettings}): one place for each. */
    private UploadsConfig uploads(Path dataDir) {
        SectionReader s = reader("uploads");
        int maxMib = s.integer("max_size_mib", (int) (UploadSettings.DEFAULT_MAX_BYTES >> 20), 1, MAX_UPLOAD_MIB);
        int hours = s.integer("expiry_hours", (int) UploadSettings.DEFAULT_EXPIRY.toHours(), 1, 24 * 30);
        Path directory = s.optionalString("directory")
                .filter(d -> !d.isBlank())
                .map(d -> path(s, "directory", d))
                .orElse(dataDir.resolve("uploads"));
        return new UploadsConfig((long) maxMib << 20, Duration.ofHours(hours), directory);
    }
}
