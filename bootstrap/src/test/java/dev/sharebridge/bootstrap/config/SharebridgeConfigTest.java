package dev.sharebridge.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharebridgeConfigTest {

    private static final String FULL = """
            [server]
            bind = "0.0.0.0"
            port = 9090
            public_url = "https://share.example.org/"
            data_dir = "/var/lib/sharebridge"
            idle_timeout_s = 45
            body_timeout_s = 60
            min_body_bytes_per_s = 2048
            max_requests_per_client = 500
            max_body_requests = 300

            [database]
            url = "jdbc:postgresql://db.example.org/sharebridge"
            username = "sb"
            password = "dbsecret"

            [storage]
            provider = "nextcloud"
            url = "https://cloud.example.org"
            username = "files"
            password = "filesecret"
            directory = "/sharebridge/spaces/"

            [shared_folder]
            provider = "nextcloud"
            url = "https://nextcloud.example.org/"
            username = "exampleuser"
            password = "v3rys3cr3t"
            directory = "opentalk/meetings"
            expiry = 48

            [security]
            bcrypt_cost = 13
            secret_key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
            trusted_proxies = ["10.0.0.1", "192.168.0.0/16", "fd00::/8"]
            grant_ttl_seconds = 1800
            verify_failures_per_client = 5
            verify_window_seconds = 600
            verify_failures_per_token = 50
            hashing_slots = 3
            not_found_per_client = 20
            not_found_window_seconds = 120
            verify_delay_ms = 50
            verify_delay_max_ms = 800
            visit_ttl_seconds = 300

            [limits]
            max_json_bytes = 4096

            [cache]
            shares_ms = 250
            files_ms = 0
            """;

    @Test
    void readsEveryKeyOfAFullFile() throws ConfigException {
        SharebridgeConfig config = SharebridgeConfig.parse("full.toml", FULL, Map.of());

        assertThat(config.server())
                .isEqualTo(new ServerConfig(
                        "0.0.0.0",
                        9090,
                        "https://share.example.org",
                        Path.of("/var/lib/sharebridge"),
                        Duration.ofSeconds(45),
                        Duration.ofSeconds(60),
                        2048,
                        500,
                        300));
        assertThat(config.database())
                .isEqualTo(new DatabaseConfig("jdbc:postgresql://db.example.org/sharebridge", "sb", "dbsecret"));
        assertThat(config.storage())
                .isEqualTo(new StorageConfig.Nextcloud(
                        new NextcloudAccount(URI.create("https://cloud.example.org/"), "files", "filesecret"),
                        "sharebridge/spaces"));
        assertThat(config.sharedFolder())
                .isEqualTo(new SharedFolderConfig(
                        Optional.of(new NextcloudAccount(
                                URI.create("https://nextcloud.example.org/"), "exampleuser", "v3rys3cr3t")),
                        "opentalk/meetings",
                        OptionalInt.of(48)));
        assertThat(config.sharedFolder().provider()).isEqualTo("nextcloud");
        assertThat(config.security())
                .isEqualTo(new SecurityConfig(
                        13,
                        Optional.of("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="),
                        Optional.empty(),
                        List.of(),
                        List.of("10.0.0.1", "192.168.0.0/16", "fd00::/8"),
                        Duration.ofSeconds(1800),
                        5,
                        Duration.ofSeconds(600),
                        50,
                        3,
                        20,
                        Duration.ofSeconds(120),
                        Duration.ofMillis(50),
                        Duration.ofMillis(800),
                        Duration.ofSeconds(300)));
        assertThat(config.limits().maxJsonBytes()).isEqualTo(4096);
        assertThat(config.cache()).isEqualTo(new CacheConfig(Duration.ofMillis(250), Duration.ZERO));
        assertThat(config.secretKeyFile()).isEqualTo(Path.of("/var/lib/sharebridge/secret.key"));
    }

    @Test
    void withoutAFileEverythingIsTheEmbeddedDefault() {
        SharebridgeConfig config = SharebridgeConfig.defaults();

        assertThat(config.file()).isEmpty();
        assertThat(config.server())
                .isEqualTo(new ServerConfig(
                        "127.0.0.1",
                        8080,
                        "http://127.0.0.1:8080",
                        Path.of("./data"),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(20),
                        500,
                        128,
                        0));
        assertThat(config.database()).isEqualTo(new DatabaseConfig("jdbc:h2:file:./data/db/sharebridge", "", ""));
        assertThat(config.storage()).isEqualTo(new StorageConfig.Local(Path.of("./data/files")));
        assertThat(config.sharedFolder()).isEqualTo(new SharedFolderConfig(Optional.empty(), "", OptionalInt.empty()));
        assertThat(config.sharedFolder().provider()).isEqualTo("local");
        SecurityConfig security = config.security();
        assertThat(security.bcryptCost()).isEqualTo(12);
        assertThat(security.secretKey()).isEmpty();
        assertThat(security.trustedProxies()).isEmpty();
        assertThat(security.grantTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(security.verifyFailuresPerClient()).isEqualTo(10);
        assertThat(security.verifyWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(security.hashingSlots()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(security.verifyDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(security.verifyDelayMax()).isEqualTo(Duration.ofSeconds(2));
        assertThat(security.visitTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.limits().maxJsonBytes()).isEqualTo(65_536);
        assertThat(config.cache()).isEqualTo(new CacheConfig(Duration.ofMillis(100), Duration.ofMillis(100)));
        assertThat(config.secretKeyFile()).isEqualTo(Path.of("./data/secret.key"));
    }

    @Test
    void linkRowsAreKeptFor100MsOnPostgresqlTooWhereEveryChangeIsPublished() throws ConfigException {
        SharebridgeConfig config = SharebridgeConfig.parse("pg.toml", """
                [database]
                url = "jdbc:postgresql://127.0.0.1:5432/test"
                [security]
                secret_key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
                """, Map.of());
        assertThat(config.cache()).isEqualTo(new CacheConfig(Duration.ofMillis(100), Duration.ofMillis(100)));
        assertThatThrownBy(() ->
                        SharebridgeConfig.parse("bad.toml", "[cache]\nshares_ms = -1\nfiles_ms = 60001\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.toml:2: [cache] shares_ms")
                .hasMessageContaining("bad.toml:3: [cache] files_ms");
    }

    @Test
    void anEmptyFileIsTheDefaultToo() throws ConfigException {
        SharebridgeConfig config = SharebridgeConfig.parse("empty.toml", "", Map.of());

        SharebridgeConfig defaults = SharebridgeConfig.defaults();
        assertThat(config.server()).isEqualTo(defaults.server());
        assertThat(config.database()).isEqualTo(defaults.database());
        assertThat(config.storage()).isEqualTo(defaults.storage());
    }

    @Test
    void dataDirMovesTheDefaultDatabaseAndFiles() throws ConfigException {
        SharebridgeConfig config = SharebridgeConfig.parse("c.toml", "[server]\ndata_dir = \"state\"\n", Map.of());

        assertThat(config.database().url()).isEqualTo("jdbc:h2:file:./state/db/sharebridge");
        assertThat(config.storage()).isEqualTo(new StorageConfig.Local(Path.of("state/files")));
        assertThat(config.secretKeyFile()).isEqualTo(Path.of("state/secret.key"));
    }

    @Test
    void publicUrlDefaultsToBindAndPort() throws ConfigException {
        SharebridgeConfig ipv4 =
                SharebridgeConfig.parse("c.toml", "[server]\nbind = \"10.1.2.3\"\nport = 81\n", Map.of());
        SharebridgeConfig ipv6 = SharebridgeConfig.parse("c.toml", "[server]\nbind = \"::1\"\n", Map.of());

        assertThat(ipv4.server().publicUrl()).isEqualTo("http://10.1.2.3:81");
        assertThat(ipv6.server().publicUrl()).isEqualTo("http://[::1]:8080");
        assertThat(ipv6.server().urlHost()).isEqualTo("[::1]");
    }

    @Test
    void readsAFileFromDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sharebridge.toml");
        Files.writeString(file, "[server]\nport = 8181\n", StandardCharsets.UTF_8);

        SharebridgeConfig config = SharebridgeConfig.load(Optional.of(file), Map.of());

        assertThat(config.file()).contains(file);
        assertThat(config.server().port()).isEqualTo(8181);
    }

    @Test
    void aMissingFileIsReportedByName(@TempDir Path dir) {
        Path file = dir.resolve("nope.toml");

        assertThatThrownBy(() -> SharebridgeConfig.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).problems(), InstanceOfAssertFactories.list(String.class))
                .containsExactly(file + ": no such file");
    }

    @Test
    void environmentOverridesTheFileTypedLikeTheKey() throws ConfigException {
        Map<String, String> env = Map.of(
                "SHAREBRIDGE_SERVER__PORT", "9999",
                "SHAREBRIDGE_SHARED_FOLDER__PASSWORD", "from-env",
                "SHAREBRIDGE_SECURITY__TRUSTED_PROXIES", "10.0.0.1, 10.0.0.2",
                "SHAREBRIDGE_SHARED_FOLDER__EXPIRY", "",
                "SHAREBRIDGE_CONFIG", "ignored-here.toml",
                "PATH", "/usr/bin");

        SharebridgeConfig config = SharebridgeConfig.parse("full.toml", FULL, env);

        assertThat(config.server().port()).isEqualTo(9999);
        assertThat(config.sharedFolder().nextcloud())
                .get()
                .extracting(NextcloudAccount::password)
                .isEqualTo("from-env");
        assertThat(config.security().trustedProxies()).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(config.sharedFolder().expiryDays()).isEmpty();
    }

    @Test
    void environmentAloneCanSwitchAProviderAndMissingKeysNameTheVariable() {
        Map<String, String> env = Map.of("SHAREBRIDGE_STORAGE__PROVIDER", "nextcloud");

        assertThat(problems("", env))
                .containsExactly(
                        "environment SHAREBRIDGE_STORAGE__PROVIDER: [storage] url: required when provider = \"nextcloud\"",
                        "environment SHAREBRIDGE_STORAGE__PROVIDER: [storage] username: required when provider = \"nextcloud\"",
                        "environment SHAREBRIDGE_STORAGE__PROVIDER: [storage] password: required when provider = \"nextcloud\"");
    }

    @Test
    void badEnvironmentValuesNameTheVariable() {
        Map<String, String> env = Map.of(
                "SHAREBRIDGE_SERVER__PORT", "eighty",
                "SHAREBRIDGE_SECURITY__BCRYPT_COST", "99",
                "SHAREBRIDGE_SERVER_PORT", "1",
                "SHAREBRIDGE_NOPE__KEY", "1");

        assertThat(problems("", env))
                .containsExactly(
                        "environment SHAREBRIDGE_NOPE__KEY: unknown setting (the form is SHAREBRIDGE_<SECTION>__<KEY>,"
                                + " with two underscores, for a key listed in docs/configuration.md)",
                        "environment SHAREBRIDGE_SECURITY__BCRYPT_COST: [security] bcrypt_cost: must be between 10 and 16"
                                + " (is 99)",
                        "environment SHAREBRIDGE_SERVER_PORT: unknown setting (the form is SHAREBRIDGE_<SECTION>__<KEY>,"
                                + " with two underscores, for a key listed in docs/configuration.md)",
                        "environment SHAREBRIDGE_SERVER__PORT: [server] port: must be an integer");
    }

    @Test
    void everyErrorIsReportedWithItsLine() {
        String toml = """
                [server]
                port = 70000
                public_url = "ftp://example.org"
                colour = "blue"

                [database]
                url = "jdbc:mysql://localhost/x"

                [storage]
                provider = "s3"

                [shared_folder]
                provider = "nextcloud"
                url = "http://nextcloud.example.org/"
                username = "u"
                expiry = 0

                [security]
                bcrypt_cost = 9
                secret_key = "c2hvcnQ="
                trusted_proxies = ["10.0.0.300", "proxy.example.org"]
                grant_ttl_seconds = 7200
                verify_delay_ms = 500
                verify_delay_max_ms = 400

                [extra]
                x = 1
                """;

        assertThat(problems(toml, Map.of()))
                .containsExactly(
                        "c.toml:2: [server] port: must be between 0 and 65535 (is 70000)",
                        "c.toml:3: [server] public_url: must be an absolute http:// or https:// URL with a host",
                        "c.toml:4: [server] colour: unknown key",
                        "c.toml:7: [database] url: must be an H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql://...) JDBC URL",
                        "c.toml:10: [storage] provider: must be \"local\" or \"nextcloud\"",
                        "c.toml:12: [shared_folder] password: required when provider = \"nextcloud\"",
                        "c.toml:14: [shared_folder] url: must use https:// (http:// is allowed only for localhost,"
                                + " 127.0.0.0/8 and ::1)",
                        "c.toml:16: [shared_folder] expiry: must be between 1 and 36500 (is 0)",
                        "c.toml:19: [security] bcrypt_cost: must be between 10 and 16 (is 9)",
                        "c.toml:20: [security] secret_key: must be the base64 form of exactly 32 bytes"
                                + " (e.g. `openssl rand -base64 32`)",
                        "c.toml:21: [security] trusted_proxies: '10.0.0.300' is not an IP address or CIDR range",
                        "c.toml:21: [security] trusted_proxies: 'proxy.example.org' is not an IP address or CIDR range",
                        "c.toml:22: [security] grant_ttl_seconds: must be between 60 and 3600 (is 7200)",
                        "c.toml:24: [security] verify_delay_max_ms: must not be below verify_delay_ms (500)",
                        "c.toml:26: [extra]: unknown section (known: server, database, storage, shared_folder, security,"
                                + " limits, cache, uploads)");
    }

    @Test
    void theLimitsOnClientsAreCheckedAndCanComeFromTheEnvironment() throws ConfigException {
        String toml = """
                [server]
                idle_timeout_s = 0
                body_timeout_s = 3601
                min_body_bytes_per_s = 0
                max_requests_per_client = 0
                max_body_requests = -1
                """;

        assertThat(problems(toml, Map.of()))
                .containsExactly(
                        "c.toml:2: [server] idle_timeout_s: must be between 1 and 3600 (is 0)",
                        "c.toml:3: [server] body_timeout_s: must be between 1 and 3600 (is 3601)",
                        "c.toml:4: [server] min_body_bytes_per_s: must be between 1 and 1073741824 (is 0)",
                        "c.toml:5: [server] max_requests_per_client: must be between 1 and 100000 (is 0)",
                        "c.toml:6: [server] max_body_requests: must be between 0 and 100000 (is -1)");
        ServerConfig fromEnvironment = SharebridgeConfig.parse(
                        "e.toml",
                        "",
                        Map.of(
                                "SHAREBRIDGE_SERVER__IDLE_TIMEOUT_S",
                                "10",
                                "SHAREBRIDGE_SERVER__MAX_REQUESTS_PER_CLIENT",
                                "1000"))
                .server();
        assertThat(fromEnvironment.idleTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(fromEnvironment.maxRequestsPerClient()).isEqualTo(1000);
    }

    @Test
    void wrongTomlTypesAreReported() {
        String toml = """
                [server]
                port = "8080"
                bind = 127
                [security]
                trusted_proxies = "10.0.0.1"
                """;

        assertThat(problems(toml, Map.of()))
                .containsExactly(
                        "c.toml:2: [server] port: must be an integer",
                        "c.toml:3: [server] bind: must be a string",
                        "c.toml:5: [security] trusted_proxies: must be a list of strings");
    }

    @Test
    void keysOutsideASectionAreUnknown() {
        assertThat(problems("port = 8080\n", Map.of()))
                .containsExactly("c.toml:1: port: unknown key (settings belong in a section such as [server])");
    }

    @Test
    void syntaxErrorsCarryTheirLine() {
        assertThat(problems("[server]\nport = \n", Map.of()))
                .singleElement()
                .asString()
                .startsWith("c.toml:2: syntax error: ");
    }

    @Test
    void localProvidersRefuseNextcloudKeysAndViceVersa() {
        String toml = """
                [storage]
                provider = "local"
                url = "https://cloud.example.org"
                [shared_folder]
                password = "x"
                """;

        assertThat(problems(toml, Map.of()))
                .containsExactly(
                        "c.toml:3: [storage] url: not used with provider = \"local\" (it is for \"nextcloud\")",
                        "c.toml:5: [shared_folder] password: not used with provider = \"local\" (it is for \"nextcloud\")");
    }

    @Test
    void plainHttpIsFineForLoopbackNextcloud() throws ConfigException {
        for (String url : List.of("http://localhost:8081", "http://127.0.0.2/nc", "http://[::1]:80/")) {
            String toml = "[shared_folder]\nprovider = \"nextcloud\"\nurl = \"" + url
                    + "\"\nusername = \"u\"\npassword = \"p\"\n";

            SharebridgeConfig config = SharebridgeConfig.parse("c.toml", toml, Map.of());

            assertThat(config.sharedFolder().nextcloud())
                    .get()
                    .extracting(a -> a.url().toString())
                    .asString()
                    .startsWith("http://")
                    .endsWith("/");
        }
    }

    @Test
    void nextcloudDirectoryMustNotClimb() {
        String toml = """
                [shared_folder]
                directory = "meetings/../../etc"
                """;

        assertThat(problems(toml, Map.of()))
                .containsExactly("c.toml:2: [shared_folder] directory: must be a plain folder path"
                        + " (no '.', '..', '\\' or control characters)");
    }

    @Test
    void publicUrlIsNormalisedWithoutTrailingSlash() throws ConfigException {
        SharebridgeConfig config =
                SharebridgeConfig.parse("c.toml", "[server]\npublic_url = \"https://example.org/share/\"\n", Map.of());

        assertThat(config.server().publicUrl()).isEqualTo("https://example.org/share");
    }

    @Test
    void secretsStayOutOfToString() throws ConfigException {
        SharebridgeConfig config = SharebridgeConfig.parse("full.toml", FULL, Map.of());

        assertThat(config.toString())
                .doesNotContain("dbsecret", "filesecret", "v3rys3cr3t", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
                .contains("exampleuser");
    }

    @Test
    void errorMessagesNeverEchoASecret() {
        Map<String, String> env = Map.of("SHAREBRIDGE_SECURITY__SECRET_KEY", "not-base64-but-secret!");

        assertThat(problems("", env))
                .singleElement()
                .asString()
                .startsWith("environment SHAREBRIDGE_SECURITY__SECRET_KEY: [security] secret_key:")
                .doesNotContain("not-base64-but-secret!");
    }

    private static final String KEY_A = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String KEY_B = "HxwdHh8aGxwdHh8aGxwdHh8aGxwdHh8aGxwdHh8aGxw=";
    private static final String PG = "[database]\nurl = \"jdbc:postgresql://db.example.org/sharebridge\"\n";

    @Test
    void onPostgresqlTheKeyMustBeConfiguredAsAKeyOrAKeyFile() throws ConfigException {
        assertThat(problems(PG, Map.of()))
                .containsExactly("c.toml: [security] secret_key: required on PostgreSQL,"
                        + " the same on every instance: set it to the output of `openssl rand -base64 32`, or set"
                        + " secret_key_file to a file holding that");
        assertThat(problems(PG + "[security]\nbcrypt_cost = 12\n", Map.of()))
                .singleElement()
                .asString()
                .startsWith("c.toml:3: [security] secret_key: required on PostgreSQL");
        assertThat(problems(PG + "[security]\nsecret_key = \"c2hvcnQ=\"\n", Map.of()))
                .as("reported once")
                .singleElement()
                .asString()
                .contains("must be the base64 form of exactly 32 bytes");

        SecurityConfig withFile = SharebridgeConfig.parse(
                        "c.toml", PG, Map.of("SHAREBRIDGE_SECURITY__SECRET_KEY_FILE", "/run/secrets/sharebridge.key"))
                .security();
        assertThat(withFile.secretKeyFile()).contains(Path.of("/run/secrets/sharebridge.key"));
        assertThat(withFile.secretKey()).isEmpty();
        assertThat(SharebridgeConfig.parse("c.toml", PG, Map.of("SHAREBRIDGE_SECURITY__SECRET_KEY", KEY_A))
                        .security()
                        .secretKey())
                .contains(KEY_A);
        assertThat(SharebridgeConfig.defaults().security().secretKeyFile())
                .as("H2: the data directory's file")
                .isEmpty();
    }

    @Test
    void aKeyFileIsTheOneReadAndExcludesAKey() throws ConfigException {
        SharebridgeConfig config = SharebridgeConfig.parse(
                "c.toml",
                "[server]\ndata_dir = \"state\"\n[security]\nsecret_key_file = \"keys/current.key\"\n",
                Map.of());

        assertThat(config.secretKeyFile()).isEqualTo(Path.of("keys/current.key"));
        assertThat(problems("[security]\nsecret_key = \"" + KEY_A + "\"\nsecret_key_file = \"k\"\n", Map.of()))
                .containsExactly("c.toml:3: [security] secret_key_file: set either secret_key or secret_key_file,"
                        + " not both");
        assertThat(problems("[security]\nsecret_key_file = \" \"\n", Map.of()))
                .containsExactly("c.toml:2: [security] secret_key_file: must not be empty");
    }

    @Test
    void previousKeysAreListedAndABadOneIsNamedByItsPlaceOnly() throws ConfigException {
        SecurityConfig security = SharebridgeConfig.parse(
                        "c.toml",
                        "[security]\nsecret_key = \"" + KEY_B + "\"\nprevious_secret_keys = [\"" + KEY_A + "\"]\n",
                        Map.of())
                .security();
        assertThat(security.previousSecretKeys()).containsExactly(KEY_A);
        assertThat(security.toString()).doesNotContain(KEY_A, KEY_B).contains("previousSecretKeys=(1)");
        assertThat(SharebridgeConfig.parse(
                                "c.toml", "", Map.of("SHAREBRIDGE_SECURITY__PREVIOUS_SECRET_KEYS", KEY_A + "," + KEY_B))
                        .security()
                        .previousSecretKeys())
                .containsExactly(KEY_A, KEY_B);
        assertThat(SharebridgeConfig.defaults().security().previousSecretKeys()).isEmpty();

        String almost = KEY_A.substring(1);
        assertThat(problems("[security]\nprevious_secret_keys = [\"" + KEY_A + "\", \"" + almost + "\"]\n", Map.of()))
                .singleElement()
                .asString()
                .isEqualTo("c.toml:2: [security] previous_secret_keys: entry 2 is not the base64 form of exactly 32"
                        + " bytes")
                .doesNotContain(almost);
    }

    @Test
    void addressRangesAreRecognisedWithoutLookingUpNames() {
        assertThat(ConfigBinder.isAddressOrRange("2001:db8::1")).isTrue();
        assertThat(ConfigBinder.isAddressOrRange("2001:db8::/32")).isTrue();
        assertThat(ConfigBinder.isAddressOrRange("10.0.0.0/8")).isTrue();
        assertThat(ConfigBinder.isAddressOrRange("10.0.0.0/33")).isFalse();
        assertThat(ConfigBinder.isAddressOrRange("2001:db8::/129")).isFalse();
        assertThat(ConfigBinder.isAddressOrRange("localhost")).isFalse();
        assertThat(ConfigBinder.isAddressOrRange("1:2:3:4:5:6:7:8:9")).isFalse();
    }

    private static List<String> problems(String toml, Map<String, String> env) {
        try {
            SharebridgeConfig.parse("c.toml", toml, env);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isEqualTo(String.join(System.lineSeparator(), e.problems()));
            return e.problems();
        }
        throw new AssertionError("expected a ConfigException");
    }
}
