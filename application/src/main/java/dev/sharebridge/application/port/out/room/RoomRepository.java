package dev.sharebridge.application.port.out.room;

import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores rooms, their invited members and the digests of their guest invite codes. */
public interface RoomRepository {

    void insert(Room room);

    Optional<Room> findById(RoomId id);

    /** Rooms the user owns or is invited to, newest first. */
    List<Room> listForUser(UserId user);

    /** Deletes the room with its members and invite codes. @return false when it did not exist */
    boolean delete(RoomId id);

    /** Adds or updates an invited member. */
    void putMember(RoomId room, RoomMember member);

    /** @return false when the user was not a member */
    boolean removeMember(RoomId room, UserId user);

    Optional<RoomMember> member(RoomId room, UserId user);

    List<RoomMember> members(RoomId room);

    void addInviteCode(RoomId room, String codeDigest, Instant createdAt);

    Optional<RoomId> findRoomByInviteCode(String codeDigest);
}
