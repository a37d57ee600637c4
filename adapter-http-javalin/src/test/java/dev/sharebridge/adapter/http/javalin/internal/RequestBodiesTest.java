package dev.sharebridge.adapter.http.javalin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.junit.jupiter.api.Test;

/**
 * The body deadline on a scripted body and a hand-moved clock: only the time the route waits for
 * the client's bytes counts, each 500 bytes earn a second more, and a body behind its deadline
 * fails for good.
 */
class RequestBodiesTest {
    private long now = 1_000;
    private final RequestBodies bodies = new RequestBodies(Duration.ofSeconds(20), 500, () -> now);

    /** A body whose reads return what the test queued: a chunk, or null for "nothing yet". */
    private static final class ScriptedBody {
        private final Deque<Content.Chunk> next = new ArrayDeque<>();
        private final Map<String, Object> attributes = new HashMap<>();
        final Request request = (Request) Proxy.newProxyInstance(
                Request.class.getClassLoader(),
                new Class<?>[] {Request.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "read" -> {
                        Content.Chunk c = next.poll();
                        yield c == Content.Chunk.EMPTY ? null : c;
                    }
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        void nothingYet() {
            next.add(Content.Chunk.EMPTY); // stands for a read that finds nothing
        }

        void bytes(int n) {
            next.add(Content.Chunk.from(ByteBuffer.allocate(n), false));
        }

        Object getAttribute(String name) {
            return attributes.get(name);
        }
    }

    private void seconds(double s) {
        now += (long) (s * 1e9);
    }

    @Test
    void aByteASecondFailsOnceTheWaitingPassesTheDeadline() {
        ScriptedBody body = new ScriptedBody();
        Request watched = bodies.watch(body.request);
        int read = 0;
        Content.Chunk chunk;
        while (true) {
            body.nothingYet();
            assertThat(watched.read()).isNull();
            seconds(1);
            body.bytes(1);
            chunk = watched.read();
            if (Content.Chunk.isFailure(chunk)) {
                break;
            }
            read++;
            assertThat(read).as("still within 20 s plus what its bytes earned").isLessThan(30);
        }
        assertThat(read).isEqualTo(20);
        assertThat(chunk.getFailure()).isInstanceOf(TimeoutException.class);
        assertThat(watched.read()).as("it stays failed").isSameAs(chunk);
        assertThat(body.getAttribute("sb.body-failure")).isEqualTo(RequestBodies.Failure.TOO_SLOW);
    }

    @Test
    void timeSpentStoringWhatArrivedIsNotTheClientsAndBytesEarnTime() {
        ScriptedBody body = new ScriptedBody();
        Request watched = bodies.watch(body.request);
        for (int i = 0; i < 10; i++) {
            body.bytes(64 * 1024);
            assertThat(Content.Chunk.isFailure(watched.read())).isFalse();
            seconds(60); // the route writes into a slow storage: nobody waits for the client
        }
        // 640 KiB earned 1310 s: a long pause of the client is still within its deadline
        body.nothingYet();
        assertThat(watched.read()).isNull();
        seconds(1300);
        body.bytes(1);
        assertThat(Content.Chunk.isFailure(watched.read())).isFalse();
        assertThat(body.getAttribute("sb.body-failure")).isNull();
    }

    @Test
    void aBrokenConnectionIsTheClientsAndAnAllowanceNeverOverflows() {
        ScriptedBody body = new ScriptedBody();
        Request watched = bodies.watch(body.request);
        body.next.add(Content.Chunk.from(new org.eclipse.jetty.io.EofException("early EOF")));
        assertThat(Content.Chunk.isFailure(watched.read())).isTrue();
        assertThat(body.getAttribute("sb.body-failure")).isEqualTo(RequestBodies.Failure.CLOSED);

        assertThat(bodies.allowance(0)).isEqualTo(Duration.ofSeconds(20).toNanos());
        assertThat(bodies.allowance(500)).isEqualTo(Duration.ofSeconds(21).toNanos());
        assertThat(bodies.allowance(Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE);
    }
}
