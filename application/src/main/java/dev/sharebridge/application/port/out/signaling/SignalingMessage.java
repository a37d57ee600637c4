package dev.sharebridge.application.port.out.signaling;

import dev.sharebridge.application.port.in.room.SharedFolderView;
import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.RoomRole;
import java.util.Optional;

/**
 * A message the server sends to one participant. Each belongs to a namespace of the signaling
 * protocol (docs/reference.md §8); the adapter wraps it as {@code {namespace, timestamp, payload}}.
 */
public sealed interface SignalingMessage {

    String namespace();

    /** {@code control} / {@code join_success}. */
    record JoinSuccess(ParticipantId id, RoomRole role, Optional<SharedFolderView> sharedFolder)
            implements SignalingMessage {
        @Override
        public String namespace() {
            return "control";
        }
    }

    /** {@code shared_folder} / {@code updated}: the folder as the receiver may now see it. */
    record SharedFolderUpdated(SharedFolderView sharedFolder) implements SignalingMessage {
        @Override
        public String namespace() {
            return "shared_folder";
        }
    }

    /** {@code shared_folder} / {@code deleted}. */
    record SharedFolderDeleted() implements SignalingMessage {
        @Override
        public String namespace() {
            return "shared_folder";
        }
    }

    /** {@code moderation} / {@code error}, e.g. {@code insufficient_permissions}. */
    record ModerationError(String error) implements SignalingMessage {
        @Override
        public String namespace() {
            return "moderation";
        }
    }
}
