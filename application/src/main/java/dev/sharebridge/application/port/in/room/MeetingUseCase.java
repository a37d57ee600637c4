package dev.sharebridge.application.port.in.room;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UnauthorizedException;
import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;

/**
 * Joining a meeting and the signaling commands. The transport (WebSocket, or an embedding
 * application) redeems a ticket, registers the participant's connection under the returned id,
 * then calls {@link #enter} — from then on the participant receives messages through the
 * {@code SignalingPublisher}, starting with {@code join_success}.
 */
public interface MeetingUseCase {

    /** A ticket for the owner or an invitee. */
    Ticket start(UserId user, RoomId room) throws NotFoundException;

    /** A ticket for a guest with an invite code of that room. */
    Ticket startAsGuest(RoomId room, String inviteCode, String displayName) throws NotFoundException;

    /** Redeems a ticket (single use, valid 60 s). */
    Admission redeem(String ticket) throws UnauthorizedException;

    /** Makes the participant live and sends it {@code join_success}. */
    void enter(ParticipantId participant);

    /** Forgets a participant whose connection closed. */
    void leave(ParticipantId participant);

    /**
     * The {@code moderation} command: {@code grant_moderator_role} or {@code revoke_moderator_role}
     * on another participant. A non-moderator gets {@code insufficient_permissions} through the
     * publisher; an unknown target or action is reported the same way.
     */
    void moderation(ParticipantId actor, String action, String target) throws ForbiddenException;
}
