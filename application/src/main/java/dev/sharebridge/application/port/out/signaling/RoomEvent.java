package dev.sharebridge.application.port.out.signaling;

import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.util.Objects;

/**
 * Something that happened to a room which every instance must pass on to its own participants.
 * Events carry ids only, never links or passwords: a receiver loads what it needs.
 */
public sealed interface RoomEvent {

    RoomId room();

    /** The room got its shared folder. */
    record FolderCreated(RoomId room) implements RoomEvent {
        public FolderCreated {
            Objects.requireNonNull(room, "room");
        }
    }

    /** The room's shared folder is gone. */
    record FolderDeleted(RoomId room) implements RoomEvent {
        public FolderDeleted {
            Objects.requireNonNull(room, "room");
        }
    }

    /** A user's moderator role in the room was granted or revoked (or the user left the room). */
    record RoleChanged(RoomId room, UserId user) implements RoomEvent {
        public RoleChanged {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(user, "user");
        }
    }

    /** A moderation command on a guest's connection: the instance that holds it applies it. */
    record GuestRoleChanged(RoomId room, ParticipantId participant, boolean moderator) implements RoomEvent {
        public GuestRoleChanged {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(participant, "participant");
        }
    }

    /** The room is deleted: every connection to it closes. */
    record RoomDeleted(RoomId room) implements RoomEvent {
        public RoomDeleted {
            Objects.requireNonNull(room, "room");
        }
    }
}
