package dev.sharebridge.application.service.room;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UnauthorizedException;
import dev.sharebridge.application.port.in.room.Admission;
import dev.sharebridge.application.port.in.room.MeetingUseCase;
import dev.sharebridge.application.port.in.room.Ticket;
import dev.sharebridge.application.port.out.room.RoomMember;
import dev.sharebridge.application.port.out.room.RoomRepository;
import dev.sharebridge.application.port.out.room.SharedFolderRepository;
import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.application.port.in.room.SharedFolderView;
import dev.sharebridge.application.port.out.signaling.SignalingMessage;
import dev.sharebridge.application.port.out.signaling.SignalingPublisher;
import dev.sharebridge.domain.TokenDigest;
import dev.sharebridge.domain.DisplayText;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.room.InviteCode;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.room.RoomRole;
import dev.sharebridge.domain.room.SharedFolder;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live meetings: tickets, participants and who gets which signaling message. State is kept in
 * this server's memory (tickets and connections are bound to the instance that issued them);
 * roles come from the room repository, so a promotion made through any instance holds.
 */
public final class MeetingService implements MeetingUseCase, SharedFolderEvents {
    static final String GRANT = "grant_moderator_role";
    static final String REVOKE = "revoke_moderator_role";
    static final String INSUFFICIENT = "insufficient_permissions";
    private static final int MAX_PENDING_TICKETS = 100_000;

    private record Pending(RoomId room, Optional<UserId> user, Instant expiresAt) {
    }

    private static final class Participant {
        final RoomId room;
        final Optional<UserId> user;
        volatile boolean guestModerator;
        volatile boolean live;

        Participant(RoomId room, Optional<UserId> user) {
            this.room = room;
            this.user = user;
        }
    }

    private final RoomRepository rooms;
    private final SharedFolderRepository folders;
    private final SignalingPublisher publisher;
    private final Clock clock;
    private final SecureRandom random;
    private final RoomSettings settings;
    private final RoomAccess access;
    private final Map<String, Pending> tickets = new ConcurrentHashMap<>();
    private final Map<ParticipantId, Participant> participants = new ConcurrentHashMap<>();
    private final Map<RoomId, Object> roomLocks = new ConcurrentHashMap<>();

    public MeetingService(RoomRepository rooms, SharedFolderRepository folders, SignalingPublisher publisher,
            Clock clock, SecureRandom random, RoomSettings settings) {
        this.rooms = rooms;
        this.folders = folders;
        this.publisher = publisher;
        this.clock = clock;
        this.random = random;
        this.settings = settings;
        this.access = new RoomAccess(rooms);
    }

    @Override
    public Ticket start(UserId user, RoomId room) throws NotFoundException {
        access.visibleRoom(user, room);
        return issue(new Pending(room, Optional.of(user), expiry()));
    }

    @Override
    public Ticket startAsGuest(RoomId room, String inviteCode, String displayName) throws NotFoundException {
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("display_name", "display_name must be 1-100 printable characters");
        }
        DisplayText.check("display_name", name);
        Optional<String> code = InviteCode.parse(inviteCode);
        Optional<RoomId> codeRoom = code.flatMap(c -> rooms.findRoomByInviteCode(TokenDigest.digest(c)));
        if (codeRoom.isEmpty() || !codeRoom.get().equals(room) || rooms.findById(room).isEmpty()) {
            throw new NotFoundException(RoomAccess.NOT_FOUND);
        }
        return issue(new Pending(room, Optional.empty(), expiry()));
    }

    private Instant expiry() {
        return clock.instant().plus(settings.ticketTtl());
    }

    private Ticket issue(Pending pending) {
        Instant now = clock.instant();
        if (tickets.size() > MAX_PENDING_TICKETS / 2) {
            tickets.values().removeIf(p -> !now.isBefore(p.expiresAt()));
        }
        if (tickets.size() >= MAX_PENDING_TICKETS) {
            throw new IllegalStateException("too many pending tickets");
        }
        String value = randomId(24);
        tickets.put(value, pending);
        return new Ticket(value, pending.expiresAt());
    }

    @Override
    public Admission redeem(String ticket) throws UnauthorizedException {
        Pending p = ticket == null ? null : tickets.remove(ticket);
        if (p == null || !clock.instant().isBefore(p.expiresAt())) {
            throw new UnauthorizedException("invalid or expired ticket");
        }
        ParticipantId id = new ParticipantId(randomId(12));
        participants.put(id, new Participant(p.room(), p.user()));
        return new Admission(id, p.room());
    }

    @Override
    public void enter(ParticipantId id) {
        Participant p = participants.get(id);
        if (p == null) {
            return;
        }
        synchronized (lock(p.room)) {
            Optional<Room> room = rooms.findById(p.room);
            if (room.isEmpty()) {
                participants.remove(id);
                publisher.disconnect(id);
                return;
            }
            RoomRole role = roleOf(room.get(), p);
            Optional<SharedFolderView> view = folders.find(p.room).map(f -> SharedFolderView.of(f, role));
            p.live = true;
            publisher.send(id, new SignalingMessage.JoinSuccess(id, role, view));
        }
    }

    @Override
    public void leave(ParticipantId id) {
        participants.remove(id);
    }

    @Override
    public void moderation(ParticipantId actorId, String action, String target) throws ForbiddenException {
        Participant actor = participants.get(actorId);
        if (actor == null || !actor.live) {
            return;
        }
        synchronized (lock(actor.room)) {
            Optional<Room> room = rooms.findById(actor.room);
            if (room.isEmpty() || roleOf(room.get(), actor) != RoomRole.MODERATOR) {
                publisher.send(actorId, new SignalingMessage.ModerationError(INSUFFICIENT));
                return;
            }
            Participant subject = target == null ? null : participants.get(new ParticipantId(target));
            boolean grant = GRANT.equals(action);
            if (subject == null || !subject.room.equals(actor.room) || (!grant && !REVOKE.equals(action))) {
                publisher.send(actorId, new SignalingMessage.ModerationError("invalid_command"));
                return;
            }
            if (subject.user.isPresent()) {
                UserId user = subject.user.get();
                if (room.get().isOwner(user)) {
                    if (!grant) {
                        publisher.send(actorId, new SignalingMessage.ModerationError("cannot_demote_owner"));
                    }
                    return;
                }
                rooms.putMember(actor.room, new RoomMember(user, grant));
                roleChangedLocked(room.get(), user);
            } else {
                subject.guestModerator = grant;
                sendFolderTo(new ParticipantId(target), subject, room.get());
            }
        }
    }

    /** Tells every live connection of {@code user} in the room its new view of the folder. */
    void roleChanged(RoomId roomId, UserId user) {
        synchronized (lock(roomId)) {
            rooms.findById(roomId).ifPresent(room -> roleChangedLocked(room, user));
        }
    }

    private void roleChangedLocked(Room room, UserId user) {
        participants.forEach((id, p) -> {
            if (p.live && p.room.equals(room.id()) && p.user.equals(Optional.of(user))) {
                sendFolderTo(id, p, room);
            }
        });
    }

    private void sendFolderTo(ParticipantId id, Participant p, Room room) {
        folders.find(room.id()).ifPresent(f ->
                publisher.send(id, new SignalingMessage.SharedFolderUpdated(SharedFolderView.of(f, roleOf(room, p)))));
    }

    /** Tells everyone in the meeting about a folder created while it runs. */
    @Override
    public void folderCreated(Room room, SharedFolder folder) {
        synchronized (lock(room.id())) {
            participants.forEach((id, p) -> {
                if (p.live && p.room.equals(room.id())) {
                    publisher.send(id, new SignalingMessage.SharedFolderUpdated(SharedFolderView.of(folder, roleOf(room, p))));
                }
            });
        }
    }

    /** Tells everyone in the meeting that the folder is gone. */
    @Override
    public void folderDeleted(RoomId room) {
        synchronized (lock(room)) {
            participants.forEach((id, p) -> {
                if (p.live && p.room.equals(room)) {
                    publisher.send(id, new SignalingMessage.SharedFolderDeleted());
                }
            });
        }
    }

    /** Closes every connection of a deleted room. */
    void roomDeleted(RoomId room) {
        List<ParticipantId> gone = participants.entrySet().stream()
                .filter(e -> e.getValue().room.equals(room)).map(Map.Entry::getKey).toList();
        gone.forEach(id -> {
            participants.remove(id);
            publisher.disconnect(id);
        });
        tickets.values().removeIf(p -> p.room().equals(room));
        roomLocks.remove(room);
    }

    /** Live participants, for tests and metrics. */
    int liveParticipants(RoomId room) {
        return (int) participants.values().stream().filter(p -> p.live && p.room.equals(room)).count();
    }

    private RoomRole roleOf(Room room, Participant p) {
        if (p.user.isPresent()) {
            return access.role(room, p.user.get()).orElse(RoomRole.PARTICIPANT);
        }
        return p.guestModerator ? RoomRole.MODERATOR : RoomRole.PARTICIPANT;
    }

    private Object lock(RoomId room) {
        return roomLocks.computeIfAbsent(room, r -> new Object());
    }

    private String randomId(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
