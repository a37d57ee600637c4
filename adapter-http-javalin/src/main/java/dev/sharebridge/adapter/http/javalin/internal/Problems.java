package dev.sharebridge.adapter.http.javalin.internal;

import dev.sharebridge.application.error.ChecksumMismatchException;
import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.GoneException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.InvalidPasswordException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.PreconditionFailedException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.ServiceBusyException;
import dev.sharebridge.application.error.TooLargeException;
import dev.sharebridge.application.error.UnauthorizedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.error.UseCaseException;
import dev.sharebridge.application.port.out.persistence.DatabaseUnavailableException;
import dev.sharebridge.domain.InvalidValueException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single exception-to-problem mapping of the API (RFC 9457 {@code application/problem+json}).
 * Expected outcomes keep their safe message; a database that cannot be reached is a 503
 * {@code upstream_unavailable} with {@code Retry-After} on every route; anything unexpected
 * becomes a bare 500 and is logged here, never shown.
 */
public final class Problems {
    public static final String PROBLEM_JSON = "application/problem+json";
    /** The one detail every public 404 carries, so unknown, expired and malformed links look alike. */
    public static final String PUBLIC_NOT_FOUND = "This link does not exist or has expired.";

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private static final String CODE = "sb.problem-code";
    /** The challenge of every WebDAV 401 (docs/reference.md §11). */
    static final String DAV_CHALLENGE = "Basic realm=\"Sharebridge\"";

    static final String DATABASE_DOWN = "the database is unavailable; try again in a moment";
    /** Long enough for a restarted database to answer, short enough not to lose a visitor. */
    static final Duration DATABASE_RETRY = Duration.ofSeconds(2);

    static final Duration DATABASE_WARN_EVERY = Duration.ofSeconds(10);

    private final Json json;
    private final ResponseHeaders headers;
    private final HeldAnswers held;
    private final Function<UseCaseException, Duration> answerDelay;
    private final AtomicLong lastDatabaseWarning = new AtomicLong(System.nanoTime() - DATABASE_WARN_EVERY.toNanos());
    private final AtomicLong databaseAnswersNotLogged = new AtomicLong();

    /**
     * @param held how answers are held back
     * @param answerDelay how long the answer to an outcome is held back (zero: not at all)
     */
    public Problems(
            Json json, ResponseHeaders headers, HeldAnswers held, Function<UseCaseException, Duration> answerDelay) {
        this.json = json;
        this.headers = headers;
        this.held = held;
        this.answerDelay = answerDelay;
    }

    /** The body of every error response. */
    record Problem(String type, String title, int status, String detail, String code) {}

    /** Registers the mapping for every exception (Javalin keeps its own HTTP exceptions apart). */
    public void register(RoutesConfig routes) {
        routes.exception(HttpResponseException.class, this::handle);
        routes.exception(Exception.class, this::handle);
    }

    public void handle(Exception e, Context ctx) {
        // the client's own failure, whatever the storage or the parser made of the broken stream
        Optional<RequestBodies.Failure> body = RequestBodies.failure(ctx);
        if (body.isPresent()) {
            LOG.debug(
                    "request {} {} {}: the request body could not be read ({}): {}",
                    RequestLog.requestId(ctx),
                    RequestMethod.of(ctx),
                    RequestLog.template(ctx),
                    body.get(),
                    e.getClass().getName());
        }
        if (ctx.res().isCommitted()) {
            if (body.isEmpty()) {
                LOG.warn(
                        "request {} failed after the response was committed: {}",
                        RequestLog.requestId(ctx),
                        e.getClass().getName());
            }
            return;
        }
        Mapped m = body.map(f -> new Mapped(f.status(), f.code(), f.detail(), Map.of("Connection", "close")))
                .orElseGet(() -> map(e, ctx));
        write(ctx, m.status, m.code, m.detail, m.headers);
        if (e instanceof UseCaseException u) {
            // the prepared answer goes out when the delay (if any) is over; no thread waits for it
            held.hold(ctx, answerDelay.apply(u));
        }
    }

    /** Writes a problem response, resetting whatever a failed handler had set. */
    public void write(Context ctx, int status, String code, String detail, Map<String, String> extra) {
        ctx.result(prepare(ctx, status, code, detail, extra));
    }

    /**
     * Writes a problem straight into the servlet response. For the WebSocket upgrade request,
     * whose handlers run outside Javalin's HTTP pipeline: a result set there is never sent.
     */
    public void writeNow(Context ctx, int status, String code, String detail, Map<String, String> extra) {
        byte[] body = prepare(ctx, status, code, detail, extra);
        try {
            ctx.res().setContentLength(body.length);
            ctx.res().getOutputStream().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] prepare(Context ctx, int status, String code, String detail, Map<String, String> extra) {
        ctx.res().reset();
        headers.apply(ctx);
        boolean isPublic = ResponseHeaders.isPublic(ctx);
        String d = isPublic && status == 404 ? PUBLIC_NOT_FOUND : detail;
        extra.forEach(ctx::header);
        Problem p = new Problem("https://sharebridge.dev/problems/" + code, title(status), status, d, code);
        ctx.attribute(CODE, code);
        ctx.status(status).contentType(PROBLEM_JSON);
        return json.write(p);
    }

    private record Mapped(int status, String code, String detail, Map<String, String> headers) {}

    private Mapped map(Exception e, Context ctx) {
        if (e instanceof HttpProblem p) {
            return new Mapped(p.status(), p.code(), p.getMessage(), p.headers());
        }
        if (e instanceof InvalidValueException v) {
            return new Mapped(400, "validation_failed", WireNames.detail(v), Map.of());
        }
        if (e instanceof UseCaseException u) {
            Mapped m = mapUseCase(u);
            if (m.status == 401 && isDav(ctx)) {
                // a link's password over WebDAV: the challenge makes clients ask for it (and send it)
                return new Mapped(401, m.code, m.detail, Map.of("WWW-Authenticate", DAV_CHALLENGE));
            }
            return m;
        }
        if (e instanceof HttpResponseException h) {
            return mapJavalin(h);
        }
        DatabaseUnavailableException down = databaseUnavailable(e);
        if (down != null) {
            warnDatabaseUnavailable(ctx, down);
            return new Mapped(
                    503,
                    "upstream_unavailable",
                    DATABASE_DOWN,
                    Map.of("Retry-After", Long.toString(DATABASE_RETRY.toSeconds())));
        }
        LOG.error(
                "request {} {} {} failed",
                RequestLog.requestId(ctx),
                RequestMethod.of(ctx),
                RequestLog.template(ctx),
                e);
        return new Mapped(500, "internal_error", "an unexpected error occurred", Map.of());
    }

    private static boolean isDav(Context ctx) {
        String uri = ctx.req().getRequestURI();
        return uri != null && (uri.equals("/dav") || uri.startsWith("/dav/"));
    }

    private static DatabaseUnavailableException databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnavailableException d) {
                return d;
            }
        }
        return null;
    }

    /**
     * One WARN line, without a stack trace, for the first such answer and then at most one per
     * {@link #DATABASE_WARN_EVERY}, naming how many answers it stands for: an outage under load
     * would otherwise write a line per request. The access log still has every request.
     */
    private void warnDatabaseUnavailable(Context ctx, DatabaseUnavailableException down) {
        long now = System.nanoTime();
        long last = lastDatabaseWarning.get();
        if (now - last < DATABASE_WARN_EVERY.toNanos() || !lastDatabaseWarning.compareAndSet(last, now)) {
            databaseAnswersNotLogged.incrementAndGet();
            return;
        }
        long more = databaseAnswersNotLogged.getAndSet(0);
        LOG.warn(
                "request {} {} {} answered 503: {}{}",
                RequestLog.requestId(ctx),
                RequestMethod.of(ctx),
                RequestLog.template(ctx),
                down.getMessage(),
                more == 0 ? "" : " (and " + more + " more answers for the same reason since the last such line)");
    }

    private static Mapped mapUseCase(UseCaseException u) {
        String detail = u.getMessage() == null ? "" : u.getMessage();
        if (u instanceof NotFoundException) {
            return new Mapped(404, u.code(), detail, Map.of());
        } else if (u instanceof ConflictException) {
            return new Mapped(409, u.code(), detail, Map.of());
        } else if (u instanceof PreconditionFailedException) {
            return new Mapped(412, u.code(), detail, Map.of());
        } else if (u instanceof ForbiddenException) {
            return new Mapped(403, u.code(), detail, Map.of());
        } else if (u instanceof UnauthorizedException) {
            return new Mapped(401, u.code(), detail, Map.of("WWW-Authenticate", "Bearer"));
        } else if (u instanceof PasswordRequiredException || u instanceof InvalidPasswordException) {
            return new Mapped(401, u.code(), detail, Map.of());
        } else if (u instanceof RateLimitedException r) {
            return new Mapped(429, u.code(), detail, retryAfter(r.retryAfter()));
        } else if (u instanceof ServiceBusyException b) {
            return new Mapped(503, u.code(), detail, retryAfter(b.retryAfter()));
        } else if (u instanceof GoneException) {
            return new Mapped(410, u.code(), detail, Map.of());
        } else if (u instanceof ChecksumMismatchException) {
            return new Mapped(460, u.code(), detail, Map.of()); // tus's own status for it
        } else if (u instanceof TooLargeException) {
            return new Mapped(413, u.code(), detail, Map.of());
        } else if (u instanceof InsufficientStorageException) {
            return new Mapped(507, u.code(), detail, Map.of());
        } else if (u instanceof UpstreamUnavailableException up) {
            return up.retryAfter()
                    .map(d -> new Mapped(503, up.code(), detail, retryAfter(d)))
                    .orElseGet(() -> new Mapped(502, up.code(), detail, Map.of()));
        }
        throw new IllegalStateException("unmapped use case outcome " + u.code());
    }

    private static Mapped mapJavalin(HttpResponseException h) {
        int status = h.getStatus();
        return switch (status) {
            case 404 -> new Mapped(404, "not_found", "no such route", Map.of());
            case 405 ->
                new Mapped(
                        405,
                        "method_not_allowed",
                        "this method is not allowed here",
                        Map.of("Allow", allow(h.getDetails())));
            case 413 -> new Mapped(413, "payload_too_large", "the request body is too large", Map.of());
            default ->
                status >= 500
                        ? new Mapped(status, "internal_error", "an unexpected error occurred", Map.of())
                        : new Mapped(status, "bad_request", "the request cannot be processed", Map.of());
        };
    }

    /**
     * The {@code Allow} of a 405 (RFC 9110 §15.5.6): the methods the router has for the path,
     * which Javalin lists in the exception's details, and HEAD wherever GET is (RequestMethod).
     */
    static String allow(Map<String, String> details) {
        Set<String> methods = new TreeSet<>();
        details.values()
                .forEach(v -> Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(m -> !m.isEmpty())
                        .forEach(methods::add));
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        return String.join(", ", methods);
    }

    private static Map<String, String> retryAfter(Duration d) {
        long seconds = d == null ? 1 : Math.max(1, (d.toMillis() + 999) / 1000);
        return Map.of("Retry-After", Long.toString(seconds));
    }

    /** The problem code this request was answered with, or null when it was not a problem. */
    public static @Nullable String code(Context ctx) {
        return ctx.attribute(CODE);
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 423 -> "Locked";
            case 429 -> "Too Many Requests";
            case 460 -> "Checksum Mismatch";
            case 499 -> "Client Closed Request";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 507 -> "Insufficient Storage";
            default -> "Error";
        };
    }
}
