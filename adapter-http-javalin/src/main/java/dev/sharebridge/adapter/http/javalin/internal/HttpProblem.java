package dev.sharebridge.adapter.http.javalin.internal;

import java.util.Map;

/**
 * A problem the HTTP layer itself detects (body too large, range not satisfiable, missing bearer
 * token); turned into {@code application/problem+json} by {@link Problems}, like use-case errors.
 */
public final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final transient Map<String, String> headers;

    public HttpProblem(int status, String code, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public static HttpProblem tooLarge(int maxBytes) {
        return new HttpProblem(413, "payload_too_large", "the request body exceeds " + maxBytes + " bytes", Map.of());
    }

    public static HttpProblem unauthorized() {
        return new HttpProblem(
                401, "unauthorized", "a valid bearer token is required", Map.of("WWW-Authenticate", "Bearer"));
    }

    public static HttpProblem notFound(String detail) {
        return new HttpProblem(404, "not_found", detail, Map.of());
    }

    public static HttpProblem rangeNotSatisfiable(long size) {
        return new HttpProblem(
                416,
                "range_not_satisfiable",
                "the requested range is outside the file",
                Map.of("Content-Range", "bytes */" + size));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
