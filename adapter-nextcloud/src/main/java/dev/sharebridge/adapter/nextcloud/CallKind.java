package dev.sharebridge.adapter.nextcloud;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Names a request and its result for {@link NextcloudCallListener} with a small fixed vocabulary,
 * worked out from the method and the URL relative to the configured base, so no item path, user
 * name or share id ever becomes a metric tag.
 */
final class CallKind {
    /** The outcome of an upload whose own content stream failed: the caller's, not NextCloud's failure. */
    static final String ABORTED = "aborted";

    private final String basePath;

    CallKind(HttpUrl base) {
        this.basePath = base.encodedPath();
    }

    String operation(Request request) {
        String method = request.method().toUpperCase(Locale.ROOT);
        String path = request.url().encodedPath();
        String relative = path.startsWith(basePath) ? path.substring(basePath.length()) : "";
        if (relative.startsWith(NextcloudPaths.DAV)) {
            return switch (method) {
                case "MKCOL", "PROPFIND", "GET", "PUT", "DELETE", "MOVE", "COPY" -> method.toLowerCase(Locale.ROOT);
                default -> "other";
            };
        }
        if (relative.equals(NextcloudPaths.SHARES) || relative.startsWith(NextcloudPaths.SHARES + "/")) {
            return switch (method) {
                case "POST" -> "share_create";
                case "PUT" -> "share_update";
                case "DELETE" -> "share_delete";
                default -> "other";
            };
        }
        return switch (relative) {
            case NextcloudPaths.STATUS -> "status";
            case NextcloudPaths.CLOUD_USER -> "user";
            case NextcloudPaths.CAPABILITIES -> "capabilities";
            default -> "other";
        };
    }

    static String outcome(int code) {
        if (code == 429) {
            return "rate_limited";
        }
        if (code >= 500) {
            return "server_error";
        }
        // redirects are not followed and count as a caller-side (configuration) problem
        return code >= 300 ? "client_error" : "ok";
    }

    static String outcome(IOException e) {
        return e instanceof InterruptedIOException ? "timeout" : "io_error";
    }
}
