package dev.sharebridge.adapter.nextcloud;

import dev.sharebridge.domain.storage.StorageUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One place that sends requests to NextCloud and turns everything that can go wrong on the wire
 * into a {@link StorageUnavailableException} with an operator message: no password, no upstream
 * body, never a retry (a retried 401 counts as another failed login against our IP).
 */
final class Upstream {
    /** Cap for XML and JSON answers; anything larger is not a sane NextCloud answer. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(Upstream.class);

    private final OkHttpClient client;
    private final boolean ownsClient;
    private final CallKind kinds;
    private final NextcloudCallListener listener;

    private Upstream(
            OkHttpClient client, boolean ownsClient, NextcloudSettings settings, NextcloudCallListener listener) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.kinds = new CallKind(settings.base());
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** A client of our own, configured from the settings. */
    static Upstream create(NextcloudSettings settings, NextcloudCallListener listener) {
        return new Upstream(
                configure(
                        new OkHttpClient.Builder().connectionPool(new ConnectionPool(5, 1, TimeUnit.MINUTES)),
                        settings),
                true,
                settings,
                listener);
    }

    /** Built on a caller's client (tests, embedding applications): shares its pool, never closes it. */
    static Upstream create(NextcloudSettings settings, OkHttpClient base, NextcloudCallListener listener) {
        return new Upstream(configure(base.newBuilder(), settings), false, settings, listener);
    }

    private static OkHttpClient configure(OkHttpClient.Builder builder, NextcloudSettings settings) {
        HttpUrl base = settings.base();
        builder.interceptors().removeIf(i -> i instanceof HostScopedBasicAuth || i instanceof RequestIdHeader);
        return builder.connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                // A silent re-send could create a second share or count a second failed login.
                .retryOnConnectionFailure(false)
                .addInterceptor(new HostScopedBasicAuth(base, settings.username(), settings.password()))
                .addInterceptor(new RequestIdHeader())
                .build();
    }

    OkHttpClient client() {
        return client;
    }

    /** Sends a metadata request under the per-operation deadline. */
    Response execute(Request request, String operation) throws StorageUnavailableException {
        return execute(client.newCall(request), operation);
    }

    /** Sends a content transfer: no overall deadline, each read/write still bounded by the timeouts. */
    Response executeStreaming(Request request, String operation) throws StorageUnavailableException {
        Call call = client.newCall(request);
        call.timeout().clearTimeout();
        return execute(call, operation);
    }

    private Response execute(Call call, String operation) throws StorageUnavailableException {
        long start = System.nanoTime();
        try {
            Response response = call.execute();
            long nanos = System.nanoTime() - start;
            LOG.debug("NextCloud {} -> HTTP {} in {} ms", operation, response.code(), nanos / 1_000_000);
            report(call, CallKind.outcome(response.code()), nanos);
            return response;
        } catch (IOException e) {
            long nanos = System.nanoTime() - start;
            LOG.debug(
                    "NextCloud {} failed after {} ms: {}",
                    operation,
                    nanos / 1_000_000,
                    e.getClass().getSimpleName());
            // a PUT whose own content (our client's request body) broke off is not NextCloud's failure
            boolean aborted = call.request().body() instanceof NextcloudStorageProvider.UploadBody upload
                    && upload.sourceFailed();
            report(call, aborted ? CallKind.ABORTED : CallKind.outcome(e), nanos);
            throw transportFailure(operation, e);
        }
    }

    private void report(Call call, String outcome, long nanos) {
        try {
            listener.completed(kinds.operation(call.request()), outcome, Duration.ofNanos(nanos));
        } catch (RuntimeException e) {
            // counting must never fail a file operation
            LOG.debug("the NextCloud call listener failed: {}", e.getClass().getName());
        }
    }

    static StorageUnavailableException transportFailure(String operation, IOException e) {
        if (e instanceof InterruptedIOException) {
            return new StorageUnavailableException("NextCloud did not answer " + operation + " in time", e);
        }
        return new StorageUnavailableException(
                "NextCloud could not be reached or dropped the connection during " + operation + " ("
                        + e.getClass().getSimpleName() + ")",
                e);
    }

    /** Reads an XML/JSON answer of at most {@link #MAX_BODY_BYTES}; a truncated body is an error. */
    static byte[] readCapped(Response response, String operation) throws StorageUnavailableException {
        ResponseBody body = response.body();
        long declared = body.contentLength();
        if (declared > MAX_BODY_BYTES) {
            throw new StorageUnavailableException("NextCloud's answer to " + operation + " is larger than 1 MiB", null);
        }
        try (InputStream in = body.byteStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new StorageUnavailableException(
                        "NextCloud's answer to " + operation + " is larger than 1 MiB", null);
            }
            return bytes;
        } catch (IOException e) {
            throw transportFailure(operation, e);
        }
    }

    /** True when the answer says it is XML (NextCloud uses application/xml, and text/xml for some OCS errors). */
    static boolean isXml(Response response) {
        MediaType type = mediaType(response);
        return type != null
                && type.subtype().toLowerCase(Locale.ROOT).equals("xml")
                && (type.type().equals("application") || type.type().equals("text"));
    }

    static boolean isJson(Response response) {
        MediaType type = mediaType(response);
        return type != null
                && type.type().equals("application")
                && type.subtype().toLowerCase(Locale.ROOT).equals("json");
    }

    private static MediaType mediaType(Response response) {
        String header = response.header("Content-Type");
        return header == null ? null : MediaType.parse(header);
    }

    /**
     * The exception for an answer the operation did not expect. 401/403 are credential problems
     * and are not retried; 429 carries {@code Retry-After}; the rest is an upstream failure.
     */
    static StorageUnavailableException unexpected(Response response, String operation) {
        int code = response.code();
        if (code == 401) {
            return new StorageUnavailableException(
                    "NextCloud rejected the credentials for " + operation
                            + " (HTTP 401); check the username and app password. Not retried: NextCloud blocks the"
                            + " caller's IP after 10 failed logins",
                    null);
        }
        if (code == 403) {
            return new StorageUnavailableException(
                    "NextCloud refused " + operation
                            + " (HTTP 403); check the user's permissions on the configured directory",
                    null);
        }
        if (code == 429) {
            return new StorageUnavailableException(
                    "NextCloud is throttling " + operation + " (HTTP 429): too many"
                            + " failed logins from this IP, or more than 20 links created in 10 minutes",
                    null,
                    retryAfter(response).orElse(null));
        }
        if (code == 412) {
            return new StorageUnavailableException(
                    "NextCloud refused " + operation + " (HTTP 412, CSRF check);"
                            + " a proxy may strip the OCS-APIRequest header",
                    null);
        }
        if (code >= 300 && code < 400) {
            String location = response.header("Location");
            HttpUrl target = location == null ? null : response.request().url().resolve(location);
            return new StorageUnavailableException(
                    "NextCloud answered " + operation + " with a redirect (HTTP " + code
                            + (target == null
                                    ? ""
                                    : " to " + target.scheme() + "://" + target.host() + ":" + target.port()
                                            + target.encodedPath())
                            + "); redirects are not followed, configure the URL NextCloud really"
                            + " serves",
                    null);
        }
        if (code >= 500) {
            return new StorageUnavailableException("NextCloud failed " + operation + " with HTTP " + code, null);
        }
        return new StorageUnavailableException(
                "NextCloud answered " + operation + " with unexpected HTTP " + code, null);
    }

    /** {@code Retry-After} as seconds or as an HTTP date (relative to the answer's own Date header). */
    static Optional<Duration> retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit) && v.length() <= 9) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        String date = response.header("Date");
        if (date == null) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.between(
                    ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME),
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    void close() {
        if (ownsClient) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
