package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.signaling.RoomEvent;
import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A room event as a notification payload: {@code 1|seq|kind|room[|arg[|flag]]}, ids only (at
 * most about 200 bytes, far below PostgreSQL's 8000), arguments percent-encoded. Anything that
 * does not read as such (another version's payload) is ignored, never thrown.
 */
final class RoomEventCodec {
    static final String VERSION = "1";

    /** An event with its number in its room. */
    record Numbered(long seq, RoomEvent event) {}

    private RoomEventCodec() {}

    static String encode(long seq, RoomEvent event) {
        String head = VERSION + "|" + seq + "|";
        String room = event.room().toString();
        if (event instanceof RoomEvent.FolderCreated) {
            return head + "folder_created|" + room;
        }
        if (event instanceof RoomEvent.FolderDeleted) {
            return head + "folder_deleted|" + room;
        }
        if (event instanceof RoomEvent.RoleChanged r) {
            return head + "role_changed|" + room + "|" + escape(r.user().value());
        }
        if (event instanceof RoomEvent.GuestRoleChanged g) {
            return head + "guest_role|" + room + "|" + escape(g.participant().value()) + "|"
                    + (g.moderator() ? "1" : "0");
        }
        if (event instanceof RoomEvent.RoomDeleted) {
            return head + "room_deleted|" + room;
        }
        throw new IllegalArgumentException(
                "unknown room event " + event.getClass().getName());
    }

    static Optional<Numbered> decode(String payload) {
        try {
            String[] f = payload.split("\\|", -1);
            if (f.length < 4 || !VERSION.equals(f[0])) {
                return Optional.empty();
            }
            long seq = Long.parseLong(f[1]);
            RoomId room = RoomRowMapper.roomId(f[3]);
            RoomEvent event = switch (f[2]) {
                case "folder_created" -> new RoomEvent.FolderCreated(room);
                case "folder_deleted" -> new RoomEvent.FolderDeleted(room);
                case "role_changed" -> new RoomEvent.RoleChanged(room, UserId.of(unescape(f[4])));
                case "guest_role" ->
                    new RoomEvent.GuestRoleChanged(room, new ParticipantId(unescape(f[4])), "1".equals(f[5]));
                case "room_deleted" -> new RoomEvent.RoomDeleted(room);
                default -> null;
            };
            return event == null ? Optional.empty() : Optional.of(new Numbered(seq, event));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String escape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String unescape(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
