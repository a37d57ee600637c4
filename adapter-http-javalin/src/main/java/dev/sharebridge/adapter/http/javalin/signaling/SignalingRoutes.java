package dev.sharebridge.adapter.http.javalin.signaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sharebridge.adapter.http.javalin.internal.Json;
import dev.sharebridge.adapter.http.javalin.internal.Problems;
import dev.sharebridge.adapter.http.javalin.internal.RequestTarget;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.UnauthorizedException;
import dev.sharebridge.application.port.in.room.Admission;
import dev.sharebridge.application.port.in.room.MeetingUseCase;
import dev.sharebridge.application.port.out.signaling.SignalingMessage;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.room.ParticipantId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signaling WebSocket {@code GET /signaling?ticket=T} (docs/reference.md §8, docs/signaling.md). The
 * ticket is redeemed before the upgrade, so a bad one gets a plain 401 problem and no socket.
 */
public final class SignalingRoutes {
    public static final String PATH = "/signaling";
    /** Largest client frame; commands are tiny. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024;
    /** Pings keep idle meetings open through proxies; a peer silent for longer is dropped. */
    static final Duration PING_INTERVAL = Duration.ofSeconds(30);

    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    private static final int SWITCHING_PROTOCOLS = 101;
    private static final String PARTICIPANT = "sharebridge.signaling.participant";
    private static final Logger LOG = LoggerFactory.getLogger(SignalingRoutes.class);

    private final MeetingUseCase meetings;
    private final WebSocketSignalingPublisher publisher;
    private final Json json;
    private final Problems problems;

    public SignalingRoutes(
            MeetingUseCase meetings, WebSocketSignalingPublisher publisher, Json json, Problems problems) {
        this.meetings = meetings;
        this.publisher = publisher;
        this.json = json;
        this.problems = problems;
    }

    /** Stops the upgrade after its refusal was written; a handler of its own keeps the mapper out. */
    private static final class UpgradeRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UpgradeRefused() {
            super("upgrade refused", null, false, false);
        }
    }

    /** Limits of every signaling connection, applied to Jetty's WebSocket factory. */
    public static Consumer<JettyWebSocketServletFactory> limits() {
        return factory -> {
            factory.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
            factory.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
            factory.setIdleTimeout(IDLE_TIMEOUT);
        };
    }

    public void register(RoutesConfig routes) {
        routes.exception(UpgradeRefused.class, (e, ctx) -> {});
        routes.wsBeforeUpgrade(PATH, this::admit);
        routes.wsAfterUpgrade(PATH, this::abandonFailedUpgrade);
        routes.ws(PATH, ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(ctx -> received(ctx, ctx.message()));
            ws.onBinaryMessage(ctx -> reject(ctx));
            ws.onClose(this::gone);
            ws.onError(this::gone);
        });
    }

    private void admit(Context ctx) {
        if (!"GET".equals(ctx.req().getMethod())) {
            // refused before the ticket is looked at: a HEAD or POST must not use it up
            problems.writeNow(ctx, 405, "method_not_allowed", "a WebSocket upgrade is a GET", Map.of("Allow", "GET"));
            throw new UpgradeRefused();
        }
        try {
            // the upgrade skips the HTTP filters, so the ticket's encoding is checked here
            RequestTarget.checkQuery(ctx);
        } catch (InvalidValueException e) {
            problems.writeNow(ctx, 400, "validation_failed", e.getMessage(), Map.of());
            throw new UpgradeRefused();
        }
        try {
            Admission admission = meetings.redeem(ctx.queryParam("ticket"));
            ctx.attribute(PARTICIPANT, admission.participant());
        } catch (UnauthorizedException e) {
            problems.writeNow(ctx, 401, "unauthorized", "the ticket is unknown, used or expired", Map.of());
            throw new UpgradeRefused();
        }
    }

    /** A redeemed ticket whose upgrade Jetty then refused (a malformed handshake) never connects. */
    private void abandonFailedUpgrade(Context ctx) {
        ParticipantId participant = ctx.attribute(PARTICIPANT);
        if (participant != null && ctx.res().getStatus() != SWITCHING_PROTOCOLS) {
            meetings.leave(participant);
        }
    }

    private void connected(WsContext ctx) {
        ParticipantId participant = ctx.attribute(PARTICIPANT);
        if (participant == null) {
            ctx.closeSession(1011, "no admission");
            return;
        }
        ctx.enableAutomaticPings(PING_INTERVAL.toSeconds(), TimeUnit.SECONDS);
        publisher.register(participant, new SessionOutlet(ctx.session));
        meetings.enter(participant);
    }

    private void received(WsContext ctx, String text) {
        ParticipantId participant = ctx.attribute(PARTICIPANT);
        if (participant == null) {
            return;
        }
        JsonNode message;
        try {
            message = json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            message = null;
        }
        JsonNode payload = message == null ? null : message.get("payload");
        if (message == null
                || !message.isObject()
                || !"moderation".equals(textOf(message, "namespace"))
                || payload == null
                || !payload.isObject()) {
            publisher.sendControlError(participant, "invalid_message");
            return;
        }
        try {
            meetings.moderation(participant, textOf(payload, "action"), textOf(payload, "target"));
        } catch (ForbiddenException e) {
            publisher.send(participant, new SignalingMessage.ModerationError("insufficient_permissions"));
        }
    }

    private void reject(WsContext ctx) {
        ParticipantId participant = ctx.attribute(PARTICIPANT);
        if (participant != null) {
            publisher.sendControlError(participant, "invalid_message");
        }
    }

    private void gone(WsContext ctx) {
        ParticipantId participant = ctx.attribute(PARTICIPANT);
        if (participant != null) {
            publisher.unregister(participant);
            meetings.leave(participant);
            LOG.debug("signaling connection of a participant closed");
        }
    }

    private static String textOf(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** Jetty's asynchronous send: the callback runs when the frame is written or has failed. */
    private record SessionOutlet(Session session) implements Outlet {
        @Override
        public void send(String text, Runnable sent, Consumer<Throwable> failed) {
            session.sendText(text, Callback.from(sent, failed));
        }

        @Override
        public void close(int code, String reason) {
            session.close(code, reason, Callback.NOOP);
        }
    }
}
