package dev.sharebridge.adapter.http.javalin.internal;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One structured log line per request ({@code method=… route=… status=… duration_ms=…
 * request_id=…}): the route TEMPLATE, never the raw path, which holds share tokens. The request
 * id is the caller's well-formed {@code X-Request-Id} or a new one; it is sent back, and sits in
 * the SLF4J MDC under {@value #MDC_KEY} while the request runs, so calls to NextCloud carry it.
 */
public final class RequestLog {
    /** The MDC key of the running request's id; the NextCloud adapter copies it into its calls. */
    public static final String MDC_KEY = "request_id";
    /** The route of a request no route matched (404, 405, bad paths). */
    public static final String UNMATCHED = "unmatched";

    private static final Logger LOG = LoggerFactory.getLogger("dev.sharebridge.http.access");
    private static final String ID = "sb.request-id";
    // no spaces, quotes or control characters: the id goes into log lines and outgoing headers as is
    // 16 hex digits: unique enough to find a request's lines, and no SecureRandom lock per request
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9-]{8,64}");
    private static final Pattern ANGLE_PARAMETER = Pattern.compile("<([^>/]*)>");
    private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();

    private RequestLog() {}

    /**
     * Gives the request its id and puts it into the MDC: called first for every HTTP request,
     * whose end ({@link #log}) takes it out again.
     */
    public static void start(Context ctx) {
        MDC.put(MDC_KEY, requestId(ctx));
    }

    /**
     * The request's id, assigned on first use. Requests outside the HTTP pipeline (a refused
     * WebSocket upgrade) get one too, but not in the MDC, since nothing would take it out.
     */
    public static String requestId(Context ctx) {
        String id = ctx.attribute(ID);
        if (id == null) {
            id = requestId(ctx.header("X-Request-Id"));
            ctx.attribute(ID, id);
        }
        return id;
    }

    /** {@code incoming} when it is a well-formed {@code X-Request-Id}, else a new id. */
    public static String requestId(String incoming) {
        return incoming != null && WELL_FORMED.matcher(incoming).matches()
                ? incoming
                : HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /**
     * The line of a request Jetty refused before any route ran ({@link JettyErrors}): no route,
     * no duration; the method as Jetty read it ({@code BAD} when the request line itself was not).
     */
    public static void refused(String method, int status, String requestId) {
        LOG.info(
                "method={} route={} status={} duration_ms=0 request_id={}",
                method == null ? "-" : method,
                UNMATCHED,
                status,
                requestId);
    }

    /**
     * The matched route template as docs/openapi.yaml writes it, e.g. {@code /api/s/{token}} or
     * {@code /api/files/{path}} (Javalin's {@code <path>}, a parameter that may hold slashes, in
     * braces too); {@value #UNMATCHED} when nothing matched.
     */
    public static String template(Context ctx) {
        try {
            Endpoint e = ctx.endpoint();
            // with no route matched, the endpoint is the last filter that ran (BEFORE "*")
            boolean route =
                    e != null && (e.method.isHttpMethod() || e.method.name().startsWith("WEBSOCKET"));
            return route ? braces(e.path) : UNMATCHED;
        } catch (RuntimeException e) {
            return UNMATCHED;
        }
    }

    /** {@code /a/<path>} as {@code /a/{path}}; the few templates are converted once each. */
    static String braces(String javalinPath) {
        return javalinPath.indexOf('<') < 0
                ? javalinPath
                : TEMPLATES.computeIfAbsent(
                        javalinPath, p -> ANGLE_PARAMETER.matcher(p).replaceAll("{$1}"));
    }

    /**
     * Writes the line; the last step of every request, so it also takes the id out of the MDC.
     * {@code route} is the request's {@link #template}.
     */
    public static void log(Context ctx, String route, Float millis) {
        try {
            LOG.info(
                    "method={} route={} status={} duration_ms={} request_id={}",
                    RequestMethod.of(ctx),
                    route,
                    ctx.statusCode(),
                    millis == null ? 0 : Math.round(millis),
                    requestId(ctx));
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}
