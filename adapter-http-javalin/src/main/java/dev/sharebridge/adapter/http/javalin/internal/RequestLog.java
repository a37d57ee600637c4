package dev.sharebridge.adapter.http.javalin.internal;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: method, the route TEMPLATE (never the raw path, which holds share
 * tokens), status, duration and a request id that is also sent back as {@code X-Request-Id}.
 */
public final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.sharebridge.http.access");
    private static final String ID = "sb.request-id";

    private RequestLog() {
    }

    /** Gives the request its id (called first for every request). */
    public static void start(Context ctx) {
        ctx.attribute(ID, UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }

    public static String requestId(Context ctx) {
        String id = ctx.attribute(ID);
        if (id == null) {
            start(ctx);
            id = ctx.attribute(ID);
        }
        return id;
    }

    /** The matched route template, e.g. {@code /api/s/{token}}; {@code -} when nothing matched. */
    public static String template(Context ctx) {
        try {
            Endpoint e = ctx.endpoint();
            return e == null ? "-" : e.path;
        } catch (RuntimeException e) {
            return "-";
        }
    }

    public static void log(Context ctx, Float millis) {
        LOG.info("{} {} {} {}ms id={}", ctx.method(), template(ctx), ctx.statusCode(),
                millis == null ? 0 : Math.round(millis), requestId(ctx));
    }
}
