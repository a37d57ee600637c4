package dev.sharebridge.adapter.nextcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * What {@code check-config} asks a NextCloud before Sharebridge relies on it: is it there and
 * healthy, are the credentials right, are public links with passwords allowed, which password
 * policy and which enforced expiry apply. Sends at most one authenticated request that can fail
 * login (NextCloud blocks an IP after 10 failed logins), and never throws for an answer.
 */
public final class NextcloudCheck implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The outcome.
     *
     * @param problems human-readable reasons NextCloud cannot be used as configured; empty = usable
     * @param version NextCloud's version string, or empty when it could not be read
     * @param minimumPasswordLength the password policy's minimum length (0 when NextCloud has no policy)
     * @param specialCharactersRequired whether the password policy wants special characters
     * @param enforcedExpiryDays the maximum link lifetime NextCloud enforces, if it enforces one
     */
    public record Report(
            List<String> problems,
            String version,
            int minimumPasswordLength,
            boolean specialCharactersRequired,
            OptionalInt enforcedExpiryDays) {
        public Report {
            problems = List.copyOf(problems);
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(enforcedExpiryDays, "enforcedExpiryDays");
        }

        public boolean usable() {
            return problems.isEmpty();
        }
    }

    private final NextcloudSettings settings;
    private final DavLocation location;
    private final Upstream upstream;

    public NextcloudCheck(NextcloudSettings settings) {
        this(settings, NextcloudCallListener.NONE);
    }

    /** A check that tells {@code listener} about each of its calls. */
    public NextcloudCheck(NextcloudSettings settings, NextcloudCallListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.location = new DavLocation(settings);
        this.upstream = Upstream.create(settings, listener);
    }

    /** A check on a caller's client (tests); the client is configured like the provider's. */
    public NextcloudCheck(NextcloudSettings settings, OkHttpClient client) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.location = new DavLocation(settings);
        this.upstream = Upstream.create(settings, Objects.requireNonNull(client, "client"), NextcloudCallListener.NONE);
    }

    /** Checks, assuming links never expire (no {@code expiry} configured). */
    public Report run() {
        return run(OptionalInt.empty());
    }

    /**
     * Checks everything.
     *
     * @param expiryDays the configured link lifetime in days, or empty for links that never expire
     */
    public Report run(OptionalInt expiryDays) {
        List<String> problems = new ArrayList<>();
        String version = "";
        int minLength = 0;
        boolean special = false;
        OptionalInt enforced = OptionalInt.empty();

        // 1. Is a healthy NextCloud there? (no credentials needed)
        JsonNode status;
        try {
            status = getJson(
                    location.base()
                            .newBuilder()
                            .addPathSegment(NextcloudPaths.STATUS)
                            .build()
                            .toString(),
                    false,
                    "GET status.php");
        } catch (StorageUnavailableException e) {
            problems.add("NextCloud at " + settings.baseUrl() + " is not usable: " + e.getMessage());
            return new Report(problems, version, minLength, special, enforced);
        }
        version = status.path("versionstring").asText("");
        if (!status.path("installed").asBoolean(false)) {
            problems.add("NextCloud at " + settings.baseUrl() + " is not installed");
        }
        if (status.path("maintenance").asBoolean(false)) {
            problems.add("NextCloud is in maintenance mode");
        }
        if (status.path("needsDbUpgrade").asBoolean(false)) {
            problems.add("NextCloud needs a database upgrade (occ upgrade)");
        }

        // 2. Credentials: the only request that can count as a failed login.
        JsonNode user;
        try {
            user = ocsData(location.ocs(NextcloudPaths.CLOUD_USER).toString(), "GET cloud/user");
        } catch (StorageUnavailableException e) {
            problems.add(e.getMessage());
            return new Report(problems, version, minLength, special, enforced);
        }
        String id = user.path("id").asText("");
        if (!id.equals(settings.username())) {
            problems.add("NextCloud knows this login as user id '" + id
                    + "'; WebDAV paths use the id, so set username to it");
        }

        // 3. Capabilities: sharing, password policy, enforced expiry.
        JsonNode caps;
        try {
            caps = ocsData(location.ocs(NextcloudPaths.CAPABILITIES).toString(), "GET cloud/capabilities")
                    .path("capabilities");
        } catch (StorageUnavailableException e) {
            problems.add(e.getMessage());
            return new Report(problems, version, minLength, special, enforced);
        }
        JsonNode sharing = caps.path("files_sharing");
        if (sharing.isMissingNode()) {
            problems.add("the files_sharing app is disabled in NextCloud");
        } else {
            if (!sharing.path("api_enabled").asBoolean(true)) {
                problems.add("NextCloud's share API is disabled (Administration settings > Sharing)");
            }
            JsonNode pub = sharing.path("public");
            if (!pub.path("enabled").asBoolean(false)) {
                problems.add(
                        "NextCloud does not allow public links (Administration settings > Sharing > Allow users to share via link)");
            } else if (!pub.path("upload").asBoolean(false)) {
                problems.add("NextCloud does not allow public uploads, so read-write links cannot be made"
                        + " (Administration settings > Sharing > Allow public uploads)");
            }
            JsonNode expiry = pub.path("expire_date");
            if (expiry.path("enforced").asBoolean(false)) {
                int days = expiry.path("days").asInt(0);
                enforced = OptionalInt.of(days);
                if (expiryDays.isEmpty()) {
                    problems.add("NextCloud enforces an expiry of " + days
                            + " days on public links; set expiry to at most " + days);
                } else if (expiryDays.getAsInt() > days) {
                    problems.add("expiry is " + expiryDays.getAsInt() + " days but NextCloud allows at most " + days
                            + " days");
                }
            }
        }
        JsonNode policy = caps.path("password_policy");
        minLength = policy.path("minLength").asInt(0);
        special = policy.path("enforceSpecialCharacters").asBoolean(false);
        return new Report(problems, version, minLength, special, enforced);
    }

    private JsonNode ocsData(String url, String operation) throws StorageUnavailableException {
        JsonNode root = getJson(url, true, operation);
        int status = root.path("ocs").path("meta").path("statuscode").asInt(-1);
        if (status != 200) {
            throw new StorageUnavailableException(
                    "NextCloud answered " + operation + " with OCS status " + status, null);
        }
        return root.path("ocs").path("data");
    }

    private JsonNode getJson(String url, boolean ocs, String operation) throws StorageUnavailableException {
        Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
        if (ocs) {
            request.header("OCS-APIRequest", "true");
        }
        try (Response response = upstream.execute(request.build(), operation)) {
            if (response.code() != 200) {
                throw Upstream.unexpected(response, operation);
            }
            if (!Upstream.isJson(response)) {
                throw new StorageUnavailableException(
                        "NextCloud answered " + operation + " without JSON; is the url the address of a NextCloud?",
                        null);
            }
            try {
                JsonNode root = JSON.readTree(Upstream.readCapped(response, operation));
                if (root == null || !root.isObject()) {
                    throw new StorageUnavailableException(
                            "NextCloud's answer to " + operation + " is not a JSON object", null);
                }
                return root;
            } catch (IOException e) {
                throw new StorageUnavailableException("NextCloud's answer to " + operation + " is not valid JSON", e);
            }
        }
    }

    @Override
    public void close() {
        upstream.close();
    }
}
