package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxyTest extends ApiTestSupport {
    @Override
    void beforeStart() {
        trustedProxies = List.of("127.0.0.0/8", "10.0.0.0/8");
    }

    @Test
    void forwardedForIsHonouredBehindATrustedProxy() {
        HttpResponse<String> r = postJson(
                req("/api/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/verify")
                        .header("X-Forwarded-For", "198.51.100.1, 203.0.113.9, 10.1.2.3"),
                "{\"password\":\"whatever\"}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(publicShares.lastVerifyClient).isEqualTo("203.0.113.9");
        postJson(
                req("/api/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/verify").header("X-Forwarded-For", "2001:db8:1:2:3:4:5:6"),
                "{\"password\":\"whatever\"}");
        assertThat(publicShares.lastVerifyClient).isEqualTo("2001:db8:1:2::/64");
    }
}
