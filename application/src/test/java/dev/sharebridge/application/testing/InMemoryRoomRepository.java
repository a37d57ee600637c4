package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.room.RoomMember;
import dev.sharebridge.application.port.out.room.RoomRepository;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe in-memory {@link RoomRepository} for use-case tests. */
public final class InMemoryRoomRepository implements RoomRepository {
    private final Map<RoomId, Room> rooms = new ConcurrentHashMap<>();
    private final Map<RoomId, Map<UserId, RoomMember>> members = new ConcurrentHashMap<>();
    private final Map<String, RoomId> codes = new ConcurrentHashMap<>();

    @Override
    public void insert(Room room) {
        if (rooms.putIfAbsent(room.id(), room) != null) {
            throw new IllegalStateException("duplicate room");
        }
    }

    @Override
    public Optional<Room> findById(RoomId id) {
        return Optional.ofNullable(rooms.get(id));
    }

    @Override
    public List<Room> listForUser(UserId user) {
        List<Room> out = new ArrayList<>();
        for (Room r : rooms.values()) {
            if (r.isOwner(user) || member(r.id(), user).isPresent()) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparing(Room::createdAt).reversed());
        return out;
    }

    @Override
    public boolean delete(RoomId id) {
        members.remove(id);
        codes.values().removeIf(id::equals);
        return rooms.remove(id) != null;
    }

    @Override
    public synchronized void putMember(RoomId room, RoomMember member) {
        members.computeIfAbsent(room, r -> new LinkedHashMap<>()).put(member.user(), member);
    }

    @Override
    public synchronized boolean removeMember(RoomId room, UserId user) {
        Map<UserId, RoomMember> m = members.get(room);
        return m != null && m.remove(user) != null;
    }

    @Override
    public synchronized Optional<RoomMember> member(RoomId room, UserId user) {
        Map<UserId, RoomMember> m = members.get(room);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(user));
    }

    @Override
    public synchronized List<RoomMember> members(RoomId room) {
        Map<UserId, RoomMember> m = members.get(room);
        return m == null ? List.of() : List.copyOf(m.values());
    }

    @Override
    public void addInviteCode(RoomId room, String codeDigest, Instant createdAt) {
        codes.put(codeDigest, room);
    }

    @Override
    public Optional<RoomId> findRoomByInviteCode(String codeDigest) {
        return Optional.ofNullable(codes.get(codeDigest));
    }
}
