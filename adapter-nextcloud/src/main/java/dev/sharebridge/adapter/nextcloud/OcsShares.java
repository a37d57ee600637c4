package dev.sharebridge.adapter.nextcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.ItemNotFoundException;
import dev.sharebridge.domain.storage.PublicLinkCapability.Access;
import dev.sharebridge.domain.storage.PublicLinkCapability.PublicLink;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageRejectedException;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NextCloud's OCS share API (v2) for public link shares: create, verify what NextCloud really
 * made, repair once or delete, and delete by id.
 *
 * <p>Facts this relies on (recorded from NextCloud 34): every call needs {@code OCS-APIRequest:
 * true}; v2 maps OCS errors to HTTP statuses; {@code id} is a JSON string; the permissions come
 * back with the SHARE bit (1 → 17, 15 → 31); {@code expiration} is {@code "YYYY-MM-DD 23:59:59"};
 * 429 after 20 creations in 10 minutes comes with an empty body.
 */
final class OcsShares {
    static final int READ = 1;
    static final int UPDATE = 2;
    static final int CREATE = 4;
    static final int DELETE = 8;
    private static final int LINK_SHARE = 3;
    private static final Pattern SHARE_ID = Pattern.compile("[A-Za-z0-9:_-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger(OcsShares.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether a path exists; used to tell "no such folder" from other OCS 404s. */
    @FunctionalInterface
    interface Existence {
        boolean exists(ItemPath path) throws StorageException;
    }

    private final DavLocation location;
    private final Upstream upstream;
    private final Existence existence;

    OcsShares(DavLocation location, Upstream upstream, Existence existence) {
        this.location = location;
        this.upstream = upstream;
        this.existence = existence;
    }

    PublicLink create(ItemPath folder, Access access, String password, Optional<LocalDate> expiresOn)
            throws StorageException {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(expiresOn, "expiresOn");
        if (password == null || password.isEmpty()) {
            throw new InvalidValueException("password", "a NextCloud link needs a password");
        }
        String sharePath = location.sharePath(folder);
        if (sharePath.equals("/")) {
            throw new StorageRejectedException("NextCloud cannot share the user's root folder; configure a directory");
        }
        int permissions = access == Access.READ_WRITE ? READ | UPDATE | CREATE | DELETE : READ;
        FormBody.Builder form = new FormBody.Builder()
                .add("path", sharePath)
                .add("shareType", Integer.toString(LINK_SHARE))
                .add("permissions", Integer.toString(permissions))
                .add("password", password);
        expiresOn.ifPresent(d -> form.add("expireDate", d.toString()));
        String operation = "create link share";
        JsonNode share;
        try (Response response = upstream.execute(
                ocsRequest(location.ocs(NextcloudPaths.SHARES))
                        .post(form.build())
                        .build(),
                operation)) {
            int code = response.code();
            if (code == 404 && isOcs(response)) {
                // "Wrong path" and "expiration date in the past" / "public links disabled" all come as 404.
                if (!existence.exists(folder)) {
                    throw new ItemNotFoundException(folder);
                }
                throw new StorageRejectedException("NextCloud refused to create the link (expiry date, or public links"
                        + " disabled for this user)");
            }
            if (code == 400 && isOcs(response)) {
                LOG.warn("NextCloud refused a link share (HTTP 400): {}", ocsMessage(response));
                throw new StorageRejectedException("NextCloud refused the link settings (its password policy?)");
            }
            share = data(response, operation);
        }
        String id = shareId(share, operation);
        List<String> problems = mismatches(share, access, expiresOn);
        if (problems.isEmpty()) {
            return link(id, share, access);
        }
        LOG.warn("NextCloud made link share {} not as asked ({}); trying one repair", id, String.join(", ", problems));
        try {
            List<String> unrepairable = problems.stream()
                    .filter(p -> p.startsWith("share type") || p.startsWith("url"))
                    .toList();
            if (!unrepairable.isEmpty()) {
                throw new StorageUnavailableException(
                        "NextCloud made a link share that is not as asked (" + String.join(", ", unrepairable)
                                + "); it was deleted",
                        null);
            }
            JsonNode repaired = update(id, permissions, expiresOn);
            List<String> still = mismatches(repaired, access, expiresOn);
            if (!still.isEmpty()) {
                throw new StorageUnavailableException(
                        "NextCloud keeps making the link share not as asked (" + String.join(", ", still)
                                + "); it was deleted",
                        null);
            }
            return link(id, repaired, access);
        } catch (StorageException | RuntimeException e) {
            deleteQuietly(id);
            if (e instanceof StorageUnavailableException) {
                throw e;
            }
            throw new StorageUnavailableException(
                    "repairing NextCloud link share " + id + " failed; it was deleted", e);
        }
    }

    void delete(String linkId) throws StorageException {
        checkId(linkId);
        String operation = "delete link share " + linkId;
        try (Response response =
                upstream.execute(ocsRequest(shareUrl(linkId)).delete().build(), operation)) {
            if (response.code() == 404 && isOcs(response)) {
                JsonNode root = envelope(response, operation);
                if (root.path("ocs").path("meta").path("statuscode").asInt() == 404) {
                    return; // already gone
                }
            }
            data(response, operation);
        }
    }

    private JsonNode update(String id, int permissions, Optional<LocalDate> expiresOn) throws StorageException {
        FormBody body = new FormBody.Builder()
                .add("permissions", Integer.toString(permissions))
                .add("expireDate", expiresOn.map(LocalDate::toString).orElse(""))
                .build();
        String operation = "repair link share " + id;
        try (Response response =
                upstream.execute(ocsRequest(shareUrl(id)).put(body).build(), operation)) {
            return data(response, operation);
        }
    }

    private void deleteQuietly(String id) {
        try {
            delete(id);
        } catch (StorageException | RuntimeException e) {
            LOG.error("NextCloud link share {} is not as asked and could not be deleted; delete it by hand", id);
        }
    }

    /** What differs between the share NextCloud made and the one asked for; empty when it is right. */
    List<String> mismatches(JsonNode share, Access access, Optional<LocalDate> expiresOn) {
        List<String> problems = new ArrayList<>();
        if (!share.path("share_type").canConvertToInt()
                || share.path("share_type").asInt() != LINK_SHARE) {
            problems.add("share type " + share.path("share_type").asText("missing"));
        }
        JsonNode p = share.path("permissions");
        if (!p.canConvertToInt() || !p.isIntegralNumber()) {
            problems.add("permissions missing");
        } else {
            int bits = p.asInt();
            int wanted = access == Access.READ_WRITE ? READ | UPDATE | CREATE | DELETE : READ;
            int forbidden = access == Access.READ_WRITE ? 0 : UPDATE | CREATE | DELETE;
            if ((bits & wanted) != wanted || (bits & forbidden) != 0) {
                problems.add("permissions " + bits + " for " + access);
            }
        }
        Optional<LocalDate> expiration;
        JsonNode e = share.path("expiration");
        if (e.isMissingNode() || e.isNull() || (e.isTextual() && e.asText().isEmpty())) {
            expiration = Optional.empty();
        } else {
            try {
                String text = e.asText();
                expiration = Optional.of(LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text));
            } catch (DateTimeParseException ex) {
                expiration = Optional.of(LocalDate.MIN);
            }
        }
        if (!expiration.equals(expiresOn)) {
            problems.add("expiration " + expiration.map(LocalDate::toString).orElse("none") + " instead of "
                    + expiresOn.map(LocalDate::toString).orElse("none"));
        }
        HttpUrl url =
                share.path("url").isTextual() ? HttpUrl.parse(share.path("url").asText()) : null;
        if (url == null
                || !location.sameOrigin(url)
                || !url.encodedPath().startsWith(location.base().encodedPath())) {
            problems.add("url not on the configured NextCloud");
        }
        return problems;
    }

    private static PublicLink link(String id, JsonNode share, Access access) {
        return new PublicLink(id, share.path("url").asText(), access);
    }

    private static String shareId(JsonNode share, String operation) throws StorageUnavailableException {
        JsonNode id = share.path("id");
        String text = id.isTextual() || id.isIntegralNumber() ? id.asText() : "";
        if (!SHARE_ID.matcher(text).matches()) {
            throw new StorageUnavailableException(
                    "NextCloud's answer to " + operation + " has no usable share id", null);
        }
        return text;
    }

    private static void checkId(String linkId) {
        if (linkId == null || !SHARE_ID.matcher(linkId).matches()) {
            throw new InvalidValueException("link_id", "not a NextCloud share id");
        }
    }

    private HttpUrl shareUrl(String id) {
        return location.ocs(NextcloudPaths.SHARES + "/" + id);
    }

    private static Request.Builder ocsRequest(HttpUrl url) {
        return new Request.Builder().url(url).header("OCS-APIRequest", "true").header("Accept", "application/json");
    }

    private static boolean isOcs(Response response) {
        return Upstream.isJson(response);
    }

    private static String ocsMessage(Response response) {
        try {
            JsonNode root = JSON.readTree(Upstream.readCapped(response, "read OCS error"));
            String message = root.path("ocs").path("meta").path("message").asText("");
            // Upstream text goes to the operator log only, shortened and without control characters.
            message = message.replaceAll("\\p{Cntrl}", " ");
            return message.length() > 200 ? message.substring(0, 200) + "…" : message;
        } catch (StorageUnavailableException | IOException e) {
            return "(no readable message)";
        }
    }

    /** The parsed OCS envelope of a JSON answer (any status). */
    static JsonNode envelope(Response response, String operation) throws StorageUnavailableException {
        if (!Upstream.isJson(response)) {
            throw new StorageUnavailableException(
                    "NextCloud answered " + operation + " with HTTP " + response.code()
                            + " and no JSON (a login page or a proxy error?)",
                    null);
        }
        byte[] body = Upstream.readCapped(response, operation);
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null
                    || !root.path("ocs").path("meta").path("statuscode").canConvertToInt()) {
                throw new StorageUnavailableException(
                        "NextCloud's answer to " + operation + " is not an OCS answer", null);
            }
            return root;
        } catch (IOException e) {
            throw new StorageUnavailableException("NextCloud's answer to " + operation + " is not valid JSON", e);
        }
    }

    /**
     * The {@code data} of a successful OCS v2 answer: HTTP 200 and {@code meta.statuscode} 200
     * (both checked, OCS v1 reports errors inside an HTTP 200), and {@code data} an object.
     */
    static JsonNode data(Response response, String operation) throws StorageUnavailableException {
        if (response.code() != 200) {
            throw Upstream.unexpected(response, operation);
        }
        JsonNode root = envelope(response, operation);
        int status = root.path("ocs").path("meta").path("statuscode").asInt();
        if (status != 200) {
            throw new StorageUnavailableException(
                    "NextCloud answered " + operation + " with OCS status " + status, null);
        }
        JsonNode data = root.path("ocs").path("data");
        if (!data.isObject() && !(data.isArray() && data.isEmpty())) {
            throw new StorageUnavailableException("NextCloud's answer to " + operation + " has no data object", null);
        }
        return data;
    }
}
