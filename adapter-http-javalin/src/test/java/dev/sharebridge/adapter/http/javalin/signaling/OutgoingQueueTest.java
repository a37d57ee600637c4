package dev.sharebridge.adapter.http.javalin.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sharebridge.application.port.in.room.SharedFolderView;
import dev.sharebridge.application.port.out.signaling.SignalingMessage;
import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.RoomRole;
import dev.sharebridge.domain.room.SharedFolderLink;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The per-connection queues of {@link WebSocketSignalingPublisher}, on transports the test controls. */
class OutgoingQueueTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00.750Z"), ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ParticipantId SLOW = new ParticipantId("slow");
    private static final ParticipantId FAST = new ParticipantId("fast");
    private static final SignalingMessage DELETED = new SignalingMessage.SharedFolderDeleted();

    /** A transport that completes a send only when told to (or at once when {@code immediate}). */
    private static final class FakeOutlet implements Outlet {
        final boolean immediate;
        final List<String> handedOver = new ArrayList<>();
        final List<Runnable> pending = new ArrayList<>();
        final List<Integer> closes = new ArrayList<>();
        int depth;
        int maxDepth;

        FakeOutlet(boolean immediate) {
            this.immediate = immediate;
        }

        @Override
        public void send(String text, Runnable sent, Consumer<Throwable> failed) {
            handedOver.add(text);
            if (immediate) {
                depth++;
                maxDepth = Math.max(maxDepth, depth);
                sent.run();
                depth--;
            } else {
                pending.add(sent);
            }
        }

        @Override
        public void close(int code, String reason) {
            closes.add(code);
        }

        void completeOne() {
            pending.remove(0).run();
        }
    }

    @Test
    void aClientThatDoesNotReadIsClosedWith1008AndOthersGetEverything() {
        WebSocketSignalingPublisher publisher = new WebSocketSignalingPublisher(CLOCK, 3);
        FakeOutlet slow = new FakeOutlet(false);
        FakeOutlet fast = new FakeOutlet(true);
        publisher.register(SLOW, slow);
        publisher.register(FAST, fast);

        for (int i = 0; i < 5; i++) {
            publisher.send(SLOW, DELETED);
            publisher.send(FAST, DELETED);
        }
        // one frame in the transport, three waiting, the fifth overflowed
        assertThat(slow.handedOver).hasSize(1);
        assertThat(slow.closes).containsExactly(1008);
        assertThat(fast.handedOver).hasSize(5);
        assertThat(fast.closes).isEmpty();
        assertThat(publisher.connectionCount()).isEqualTo(1);

        slow.completeOne();
        publisher.send(SLOW, DELETED);
        assertThat(slow.handedOver).as("nothing more after the overflow").hasSize(1);
    }

    @Test
    void oneFrameIsInFlightAtATimeAndOrderIsKept() {
        WebSocketSignalingPublisher publisher = new WebSocketSignalingPublisher(CLOCK, 10);
        FakeOutlet outlet = new FakeOutlet(false);
        publisher.register(SLOW, outlet);
        publisher.send(SLOW, new SignalingMessage.ModerationError("a"));
        publisher.send(SLOW, new SignalingMessage.ModerationError("b"));
        publisher.send(SLOW, new SignalingMessage.ModerationError("c"));
        assertThat(outlet.handedOver).hasSize(1);
        outlet.completeOne();
        outlet.completeOne();
        assertThat(outlet.handedOver)
                .extracting(t -> read(t).get("payload").get("error").asText())
                .containsExactly("a", "b", "c");
    }

    @Test
    void aTransportThatCompletesAtOnceDoesNotDeepenTheStack() {
        WebSocketSignalingPublisher publisher = new WebSocketSignalingPublisher(CLOCK, 100_000);
        FakeOutlet outlet = new FakeOutlet(true);
        publisher.register(FAST, outlet);
        for (int i = 0; i < 10_000; i++) {
            publisher.send(FAST, DELETED);
        }
        assertThat(outlet.handedOver).hasSize(10_000);
        assertThat(outlet.maxDepth).isEqualTo(1);
    }

    @Test
    void disconnectSendsWhatIsQueuedThenCloses1000() {
        WebSocketSignalingPublisher publisher = new WebSocketSignalingPublisher(CLOCK, 10);
        FakeOutlet outlet = new FakeOutlet(false);
        publisher.register(SLOW, outlet);
        publisher.send(SLOW, DELETED);
        publisher.send(SLOW, DELETED);
        publisher.disconnect(SLOW);
        publisher.send(SLOW, DELETED);
        assertThat(outlet.closes).isEmpty();
        outlet.completeOne();
        assertThat(outlet.closes).isEmpty();
        outlet.completeOne();
        assertThat(outlet.handedOver).hasSize(2);
        assertThat(outlet.closes).containsExactly(1000);
        assertThat(publisher.connectionCount()).isZero();
    }

    @Test
    void sendingToAnUnknownParticipantIsANoOp() {
        WebSocketSignalingPublisher publisher = new WebSocketSignalingPublisher();
        publisher.send(new ParticipantId("nobody"), DELETED);
        publisher.disconnect(new ParticipantId("nobody"));
        assertThat(publisher.connectionCount()).isZero();
    }

    @Test
    void messagesHaveTheDocumentedShapes() {
        WebSocketSignalingPublisher publisher = new WebSocketSignalingPublisher(CLOCK, 10);
        FakeOutlet outlet = new FakeOutlet(true);
        publisher.register(FAST, outlet);
        SharedFolderLink read = new SharedFolderLink("1", "https://x/s/r", "read-pw");
        SharedFolderLink rw = new SharedFolderLink("2", "https://x/s/w", "write-pw");
        publisher.send(FAST, new SignalingMessage.JoinSuccess(FAST, RoomRole.PARTICIPANT, Optional.empty()));
        publisher.send(
                FAST,
                new SignalingMessage.JoinSuccess(
                        FAST, RoomRole.MODERATOR, Optional.of(new SharedFolderView(read, Optional.of(rw)))));
        publisher.send(FAST, new SignalingMessage.SharedFolderUpdated(new SharedFolderView(read, Optional.empty())));
        publisher.send(FAST, DELETED);
        publisher.send(FAST, new SignalingMessage.ModerationError("insufficient_permissions"));
        publisher.sendControlError(FAST, "invalid_message");
        assertThat(outlet.handedOver)
                .containsExactly(
                        "{\"namespace\":\"control\",\"timestamp\":\"2026-12-01T10:00:00Z\",\"payload\":"
                                + "{\"message\":\"join_success\",\"id\":\"fast\",\"role\":\"participant\"}}",
                        "{\"namespace\":\"control\",\"timestamp\":\"2026-12-01T10:00:00Z\",\"payload\":"
                                + "{\"message\":\"join_success\",\"id\":\"fast\",\"role\":\"moderator\",\"shared_folder\":"
                                + "{\"read\":{\"url\":\"https://x/s/r\",\"password\":\"read-pw\"},"
                                + "\"read_write\":{\"url\":\"https://x/s/w\",\"password\":\"write-pw\"}}}}",
                        "{\"namespace\":\"shared_folder\",\"timestamp\":\"2026-12-01T10:00:00Z\",\"payload\":"
                                + "{\"message\":\"updated\",\"read\":{\"url\":\"https://x/s/r\",\"password\":\"read-pw\"}}}",
                        "{\"namespace\":\"shared_folder\",\"timestamp\":\"2026-12-01T10:00:00Z\",\"payload\":"
                                + "{\"message\":\"deleted\"}}",
                        "{\"namespace\":\"moderation\",\"timestamp\":\"2026-12-01T10:00:00Z\",\"payload\":"
                                + "{\"message\":\"error\",\"error\":\"insufficient_permissions\"}}",
                        "{\"namespace\":\"control\",\"timestamp\":\"2026-12-01T10:00:00Z\",\"payload\":"
                                + "{\"message\":\"error\",\"error\":\"invalid_message\"}}");
    }

    @Test
    void aFailedSendDropsTheRestQuietly() {
        WebSocketSignalingPublisher publisher = new WebSocketSignalingPublisher(CLOCK, 10);
        List<String> handed = new ArrayList<>();
        publisher.register(SLOW, new Outlet() {
            @Override
            public void send(String text, Runnable sent, Consumer<Throwable> failed) {
                handed.add(text);
                failed.accept(new IllegalStateException("socket gone"));
            }

            @Override
            public void close(int code, String reason) {}
        });
        publisher.send(SLOW, DELETED);
        publisher.send(SLOW, DELETED);
        assertThat(handed).hasSize(1);
    }

    private static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
