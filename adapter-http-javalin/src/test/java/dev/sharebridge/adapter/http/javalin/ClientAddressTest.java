package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.adapter.http.javalin.internal.ClientAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private final ClientAddress none = new ClientAddress(List.of());
    private final ClientAddress proxied = new ClientAddress(List.of("192.0.2.10", "10.0.0.0/8", "fd00::/8"));

    @Test
    void withoutTrustedProxiesThePeerIsTheClient() {
        assertThat(none.identify("192.0.2.10", "203.0.113.9")).isEqualTo("192.0.2.10");
    }

    @Test
    void theRightMostUntrustedHopWins() {
        assertThat(proxied.identify("192.0.2.10", "1.1.1.1, 203.0.113.9, 10.0.0.7"))
                .isEqualTo("203.0.113.9");
        assertThat(proxied.identify("192.0.2.10", "10.0.0.8, 10.0.0.7")).isEqualTo("10.0.0.8");
        assertThat(proxied.identify("192.0.2.10", "evil.example, 10.0.0.7")).isEqualTo("10.0.0.7");
        assertThat(proxied.identify("192.0.2.10", "")).isEqualTo("192.0.2.10");
        assertThat(proxied.identify("198.51.100.1", "203.0.113.9")).isEqualTo("198.51.100.1");
    }

    @Test
    void ipv6IsGroupedBySlash64() {
        assertThat(none.identify("2001:db8:aa:bb:1:2:3:4", null)).isEqualTo("2001:db8:aa:bb::/64");
        assertThat(none.identify("2001:db8:aa:bb:ffff::1", null)).isEqualTo("2001:db8:aa:bb::/64");
        assertThat(proxied.identify("fd00::1", "[2001:db8:0:1::5]")).isEqualTo("2001:db8:0:1::/64");
    }

    @Test
    void ipv4IsTheSameWhetherTakenAsItIsOrParsed() {
        // canonical dotted quads are taken as they are; anything else goes through the parser
        assertThat(none.identify("203.0.113.9", null)).isEqualTo("203.0.113.9");
        assertThat(none.identify("0.0.0.0", null)).isEqualTo("0.0.0.0");
        assertThat(none.identify("255.255.255.255", null)).isEqualTo("255.255.255.255");
        assertThat(none.identify("203.0.113.009", null)).isEqualTo(proxied.identify("203.0.113.9", null));
        assertThat(none.identify("[203.0.113.9]", null)).isEqualTo("203.0.113.9");
        assertThat(none.identify("203.0.113.256", null)).isEqualTo("203.0.113.256");
        assertThat(none.identify("203.0.113", null)).isEqualTo("203.0.113");
        assertThat(none.identify("1.2.3.4.5", null)).isEqualTo("1.2.3.4.5");
        assertThat(none.identify(null, null)).isEqualTo("unknown");
    }

    @Test
    void aPeerIsATrustedProxyOnlyWhenItIsListed() {
        assertThat(proxied.isTrustedProxy("192.0.2.10")).isTrue();
        assertThat(proxied.isTrustedProxy("10.1.2.3")).isTrue();
        assertThat(proxied.isTrustedProxy("fd00::7")).isTrue();
        assertThat(proxied.isTrustedProxy("192.0.2.11")).isFalse();
        assertThat(proxied.isTrustedProxy("not an address")).isFalse();
        assertThat(proxied.isTrustedProxy(null)).isFalse();
        assertThat(none.isTrustedProxy("192.0.2.10")).isFalse();
    }

    @Test
    void badProxyEntriesAreRefused() {
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.example")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddress(List.of("300.1.1.1"))).isInstanceOf(IllegalArgumentException.class);
    }
}
