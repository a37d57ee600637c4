package dev.sharebridge.adapter.nextcloud;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds Basic credentials only to requests for the configured NextCloud origin (scheme, host and
 * port). Any other URL, whatever produced it, leaves without them.
 */
final class HostScopedBasicAuth implements Interceptor {
    private final HttpUrl origin;
    private final String header;

    HostScopedBasicAuth(HttpUrl origin, String username, String password) {
        this.origin = origin;
        this.header = Credentials.basic(username, password, StandardCharsets.UTF_8);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url();
        boolean sameOrigin =
                url.scheme().equals(origin.scheme()) && url.host().equals(origin.host()) && url.port() == origin.port();
        if (!sameOrigin) {
            return chain.proceed(
                    request.newBuilder().removeHeader("Authorization").build());
        }
        return chain.proceed(
                request.newBuilder().header("Authorization", header).build());
    }

    @Override
    public String toString() {
        return "HostScopedBasicAuth[" + origin.scheme() + "://" + origin.host() + ":" + origin.port() + "]";
    }
}
