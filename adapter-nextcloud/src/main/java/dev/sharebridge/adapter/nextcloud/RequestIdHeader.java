package dev.sharebridge.adapter.nextcloud;

import java.io.IOException;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.MDC;

/**
 * Copies the request id of the work in progress (SLF4J MDC {@value #MDC_KEY}, set by the HTTP
 * adapter) into an {@code X-Request-Id} header, so a NextCloud log line can be matched with ours.
 */
final class RequestIdHeader implements Interceptor {
    static final String MDC_KEY = "request_id";
    static final String HEADER = "X-Request-Id";
    // only ids that are safe in a header; anything else in the MDC is left out
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9-]{8,64}");

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String id = MDC.get(MDC_KEY);
        if (id == null || !WELL_FORMED.matcher(id).matches()) {
            return chain.proceed(request);
        }
        return chain.proceed(request.newBuilder().header(HEADER, id).build());
    }
}
