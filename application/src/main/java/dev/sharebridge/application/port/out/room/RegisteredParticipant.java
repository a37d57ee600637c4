package dev.sharebridge.application.port.out.room;

import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * A live participant as every instance can see it: the room, the user (none for a guest), whether
 * a guest was made moderator for this connection, and the instance that holds the connection.
 */
public record RegisteredParticipant(
        ParticipantId id, RoomId room, Optional<UserId> user, boolean guestModerator, InstanceId instance) {
    public RegisteredParticipant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(instance, "instance");
    }
}
