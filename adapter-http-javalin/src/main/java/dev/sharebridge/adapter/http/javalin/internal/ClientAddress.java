package dev.sharebridge.adapter.http.javalin.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Works out who a client is for throttling: the TCP peer, or, when the peer is a configured
 * trusted proxy, the right-most address in {@code X-Forwarded-For} that is not itself a trusted
 * proxy. IPv6 clients are grouped by their /64 network, since one host usually owns a whole /64.
 */
public final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final List<Cidr> trusted;

    public ClientAddress(List<String> trustedProxies) {
        List<Cidr> list = new ArrayList<>();
        for (String t : trustedProxies) {
            list.add(Cidr.parse(t));
        }
        this.trusted = List.copyOf(list);
    }

    /** @throws IllegalArgumentException when an entry is not an IP address or CIDR block */
    public static void checkTrustedProxies(List<String> trustedProxies) {
        new ClientAddress(trustedProxies);
    }

    /** The throttling identity for a request from {@code peer} carrying {@code forwardedFor} (may be null). */
    public String identify(String peer, @Nullable String forwardedFor) {
        if ((forwardedFor == null || trusted.isEmpty()) && isCanonicalIpv4(peer)) {
            return peer; // the usual case, on every public request: nothing to parse or resolve
        }
        Optional<InetAddress> peerAddress = literal(peer);
        if (peerAddress.isEmpty()) {
            return peer == null ? "unknown" : peer;
        }
        InetAddress client = peerAddress.get();
        if (forwardedFor != null && isTrusted(client)) {
            String[] hops = forwardedFor.split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                Optional<InetAddress> hop = literal(hops[i].strip());
                if (hop.isEmpty()) {
                    break; // garbage: keep the last address a trusted proxy vouched for
                }
                client = hop.get();
                if (!isTrusted(client)) {
                    break;
                }
            }
        }
        return group(client);
    }

    /** Whether the TCP peer {@code peer} is one of the trusted proxies (so the request came through one). */
    public boolean isTrustedProxy(String peer) {
        return !trusted.isEmpty() && literal(peer).map(this::isTrusted).orElse(false);
    }

    private boolean isTrusted(InetAddress a) {
        for (Cidr c : trusted) {
            if (c.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private static String group(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                sb.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff)))
                        .append(':');
            }
            return sb.append(":/64").toString();
        }
        return a.getHostAddress();
    }

    /** Whether {@code text} is a dotted quad as {@link InetAddress#getHostAddress} writes it. */
    static boolean isCanonicalIpv4(String text) {
        if (text == null || text.length() < 7 || text.length() > 15) {
            return false;
        }
        int parts = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i == text.length() ? '.' : text.charAt(i);
            if (c == '.') {
                if (digits == 0 || value > 255 || ++parts > 4) {
                    return false;
                }
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return false; // a leading zero
                }
                value = value * 10 + (c - '0');
                digits++;
                if (digits > 3) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    /** Parses an IP literal without ever asking DNS; empty for anything else. */
    static Optional<InetAddress> literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        String t = text;
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        try {
            if (IPV4.matcher(t).matches()) {
                for (String part : t.split("\\.")) {
                    if (Integer.parseInt(part) > 255) {
                        return Optional.empty();
                    }
                }
                return Optional.of(InetAddress.getByName(t));
            }
            if (IPV6.matcher(t).matches()) {
                // brackets make the JDK treat it as a literal only: no name lookup
                return Optional.of(InetAddress.getByName("[" + t + "]"));
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            String t = text.strip();
            int slash = t.indexOf('/');
            String addr = slash < 0 ? t : t.substring(0, slash);
            InetAddress a = literal(addr)
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR block: " + text));
            int bits = a.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(t.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not an IP address or CIDR block: " + text, e);
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
                }
            }
            return new Cidr(a.getAddress(), prefix);
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (b[full] & mask) == (network[full] & mask);
        }
    }
}
