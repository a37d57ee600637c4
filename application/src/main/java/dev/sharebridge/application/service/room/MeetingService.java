package dev.sharebridge.application.service.room;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UnauthorizedException;
import dev.sharebridge.application.port.in.room.Admission;
import dev.sharebridge.application.port.in.room.MeetingUseCase;
import dev.sharebridge.application.port.in.room.SharedFolderView;
import dev.sharebridge.application.port.in.room.Ticket;
import dev.sharebridge.application.port.out.persistence.DatabaseUnavailableException;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.port.out.room.ParticipantRegistry;
import dev.sharebridge.application.port.out.room.PendingTicket;
import dev.sharebridge.application.port.out.room.RegisteredParticipant;
import dev.sharebridge.application.port.out.room.RoomMember;
import dev.sharebridge.application.port.out.room.RoomRepository;
import dev.sharebridge.application.port.out.room.SharedFolderRepository;
import dev.sharebridge.application.port.out.room.TicketStore;
import dev.sharebridge.application.port.out.signaling.RoomEvent;
import dev.sharebridge.application.port.out.signaling.RoomEvents;
import dev.sharebridge.application.port.out.signaling.SignalingMessage;
import dev.sharebridge.application.port.out.signaling.SignalingPublisher;
import dev.sharebridge.domain.DisplayText;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.TokenDigest;
import dev.sharebridge.domain.room.InviteCode;
import dev.sharebridge.domain.room.ParticipantId;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Live meetings: tickets, participants and who gets which signaling message, across every server
 * instance on one database (docs/signaling.md, "Across instances"). Tickets and the registry of
 * participants are kept in the {@link MeetingBackplane}'s stores, so a ticket issued here can be
 * used on any instance and a moderation command can aim at a participant connected elsewhere.
 * Every change that participants must hear of is published as a {@link RoomEvent}; every instance,
 * this one included, receives it and tells its own connections, which it keeps in memory.
 */
public final class MeetingService implements MeetingUseCase, SharedFolderEvents, RoomEvents.Listener {
    static final String GRANT = "grant_moderator_role";
    static final String REVOKE = "revoke_moderator_role";
    static final String INSUFFICIENT = "insufficient_permissions";
    static final String INVALID_COMMAND = "invalid_command";
    private static final Logger LOG = Logger.getLogger(MeetingService.class.getName());
    /** Longest participant id a client may name; ours are 16 characters. */
    private static final int MAX_PARTICIPANT_ID = 64;

    /** A connection held by this instance. */
    private static final class Participant {
        final RoomId room;
        final Optional<UserId> user;
        volatile boolean guestModerator;
        volatile boolean live;
        /** The folder as this participant last heard of it; what a catch-up compares against. */
        volatile Optional<SharedFolderView> lastView = Optional.empty();

        Participant(RoomId room, Optional<UserId> user) {
            this.room = room;
            this.user = user;
        }
    }

    private final RoomRepository rooms;
    private final SharedFolderRepository folders;
    private final TicketStore tickets;
    private final ParticipantRegistry registry;
    private final RoomEvents events;
    private final InstanceId instance;
    private final SignalingPublisher publisher;
    private final Clock clock;
    private final SecureRandom random;
    private final RoomSettings settings;
    private final RoomAccess access;
    private final Map<ParticipantId, Participant> participants = new ConcurrentHashMap<>();
    private final Map<RoomId, Object> roomLocks = new ConcurrentHashMap<>();
    /** The number of the last event seen per room with participants here (guarded by the room's lock). */
    private final Map<RoomId, Long> lastSeq = new ConcurrentHashMap<>();

    private volatile boolean registered;

    public MeetingService(
            RoomRepository rooms,
            SharedFolderRepository folders,
            MeetingBackplane backplane,
            SignalingPublisher publisher,
            Clock clock,
            SecureRandom random,
            RoomSettings settings) {
        this.rooms = rooms;
        this.folders = folders;
        this.tickets = backplane.tickets();
        this.registry = backplane.participants();
        this.events = backplane.events();
        this.instance = backplane.instance();
        this.publisher = publisher;
        this.clock = clock;
        this.random = random;
        this.settings = settings;
        this.access = new RoomAccess(rooms);
        events.subscribe(this);
    }

    /** This instance's id in the registry. */
    public InstanceId instance() {
        return instance;
    }

    /**
     * Starts this instance's lease in the registry. The first participant to join does it too, so
     * a process that never serves meetings (the CLI) never appears there.
     */
    public void register() {
        Instant now = clock.instant();
        registry.join(instance, now, now.plus(settings.instanceLease()));
        registered = true;
    }

    /**
     * What each instance does every {@link RoomSettings#heartbeatInterval()}: renews its lease
     * (and, should it have lost it, takes it again with its live participants), removes the
     * instances that stopped renewing with their participants, and the expired tickets.
     * Failures are logged; the next heartbeat tries again.
     */
    public void heartbeat() {
        Instant now = clock.instant();
        try {
            if (registered && !registry.renew(instance, now.plus(settings.instanceLease()))) {
                LOG.warning("this instance's lease had ended (a pause longer than the lease?); taking it again");
                registry.join(instance, now, now.plus(settings.instanceLease()));
                participants.forEach((id, p) -> {
                    if (p.live) {
                        registerQuietly(id, p);
                    }
                });
            }
            List<InstanceId> gone = registry.expire(now);
            if (!gone.isEmpty()) {
                LOG.info("instances that stopped renewing their lease were removed with their participants: "
                        + gone.size());
            }
            tickets.removeExpired(now);
        } catch (DatabaseUnavailableException e) {
            // an outage is reported where requests meet it (503, one line per reason); here one
            // line without a stack trace, as the lease simply runs on from the next beat
            LOG.warning("meeting heartbeat failed, the database is unavailable; retrying at the next one: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "meeting heartbeat failed; retrying at the next one", e);
        }
    }

    /** Ends this instance's lease and removes its participants from the registry (a clean stop). */
    public void unregister() {
        if (registered) {
            registered = false;
            registry.leave(instance);
        }
    }

    @Override
    public Ticket start(UserId user, RoomId room) throws NotFoundException {
        access.visibleRoom(user, room);
        return issue(room, Optional.of(user));
    }

    @Override
    public Ticket startAsGuest(RoomId room, String inviteCode, String displayName) throws NotFoundException {
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(Field.DISPLAY_NAME, "{field} must be 1-100 printable characters");
        }
        DisplayText.check(Field.DISPLAY_NAME, name);
        Optional<String> code = InviteCode.parse(inviteCode);
        Optional<RoomId> codeRoom = code.flatMap(c -> rooms.findRoomByInviteCode(TokenDigest.digest(c)));
        if (codeRoom.isEmpty()
                || !codeRoom.get().equals(room)
                || rooms.findById(room).isEmpty()) {
            throw new NotFoundException(RoomAccess.NOT_FOUND);
        }
        return issue(room, Optional.empty());
    }

    private Ticket issue(RoomId room, Optional<UserId> user) throws NotFoundException {
        Instant expiresAt = clock.instant().plus(settings.ticketTtl());
        String value = randomId(24);
        try {
            tickets.add(TokenDigest.digest(value), new PendingTicket(room, user, expiresAt));
        } catch (IllegalStateException e) {
            if (rooms.findById(room).isEmpty()) {
                throw new NotFoundException(RoomAccess.NOT_FOUND); // deleted since it was looked up
            }
            throw e;
        }
        return new Ticket(value, expiresAt);
    }

    @Override
    public Admission redeem(String ticket) throws UnauthorizedException {
        Optional<PendingTicket> p = ticket == null || ticket.isEmpty()
                ? Optional.empty()
                : tickets.take(TokenDigest.digest(ticket), clock.instant());
        if (p.isEmpty()) {
            throw new UnauthorizedException("invalid or expired ticket");
        }
        ParticipantId id = new ParticipantId(randomId(12));
        participants.put(id, new Participant(p.get().room(), p.get().user()));
        return new Admission(id, p.get().room());
    }

    @Override
    public void enter(ParticipantId id) {
        Participant p = participants.get(id);
        if (p == null) {
            return;
        }
        if (!registered) {
            synchronized (this) {
                if (!registered) {
                    register();
                }
            }
        }
        synchronized (lock(p.room)) {
            Optional<Room> room = rooms.findById(p.room);
            if (room.isEmpty() || !registerQuietly(id, p)) {
                participants.remove(id);
                publisher.disconnect(id);
                return;
            }
            RoomRole role = roleOf(room.get(), p);
            Optional<SharedFolderView> view = folders.find(p.room).map(f -> SharedFolderView.of(f, role));
            p.live = true;
            p.lastView = view;
            publisher.send(id, new SignalingMessage.JoinSuccess(id, role, view));
        }
    }

    /** @return false when the room is gone */
    private boolean registerQuietly(ParticipantId id, Participant p) {
        try {
            return registry.add(new RegisteredParticipant(id, p.room, p.user, p.guestModerator, instance));
        } catch (RuntimeException e) {
            // the connection still works here; only commands from other instances cannot find it
            LOG.log(Level.WARNING, "could not register a participant in the shared registry", e);
            return true;
        }
    }

    @Override
    public void leave(ParticipantId id) {
        Participant p = participants.remove(id);
        if (p == null) {
            return;
        }
        try {
            registry.remove(id);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "could not remove a participant from the shared registry; it goes with" + " this instance's lease",
                    e);
        }
        if (participants.values().stream().noneMatch(other -> other.room.equals(p.room))) {
            synchronized (lock(p.room)) {
                if (participants.values().stream().noneMatch(other -> other.room.equals(p.room))) {
                    lastSeq.remove(p.room);
                }
            }
        }
    }

    /**
     * Resolves the target in the registry (it may be connected to another instance), stores a
     * user's new role, and publishes the change: the instance that holds the target's connection
     * sends it {@code updated}. Nothing here holds a room lock while publishing.
     */
    @Override
    public void moderation(ParticipantId actorId, String action, String target) throws ForbiddenException {
        Participant actor = participants.get(actorId);
        if (actor == null || !actor.live) {
            return;
        }
        Optional<Room> room = rooms.findById(actor.room);
        if (room.isEmpty() || roleOf(room.get(), actor) != RoomRole.MODERATOR) {
            publisher.send(actorId, new SignalingMessage.ModerationError(INSUFFICIENT));
            return;
        }
        boolean grant = GRANT.equals(action);
        Optional<RegisteredParticipant> subject = grant || REVOKE.equals(action) ? find(target) : Optional.empty();
        if (subject.isEmpty() || !subject.get().room().equals(actor.room)) {
            publisher.send(actorId, new SignalingMessage.ModerationError(INVALID_COMMAND));
            return;
        }
        if (subject.get().user().isPresent()) {
            UserId user = subject.get().user().get();
            if (room.get().isOwner(user)) {
                if (!grant) {
                    publisher.send(actorId, new SignalingMessage.ModerationError("cannot_demote_owner"));
                }
                return;
            }
            rooms.putMember(actor.room, new RoomMember(user, grant));
            publish(new RoomEvent.RoleChanged(actor.room, user));
        } else {
            if (!registry.setGuestModerator(subject.get().id(), grant)) {
                publisher.send(actorId, new SignalingMessage.ModerationError(INVALID_COMMAND));
                return;
            }
            publish(new RoomEvent.GuestRoleChanged(actor.room, subject.get().id(), grant));
        }
    }

    /** A participant of any instance: this one's own first, then the shared registry. */
    private Optional<RegisteredParticipant> find(String target) {
        if (target == null || target.isEmpty() || target.length() > MAX_PARTICIPANT_ID) {
            return Optional.empty();
        }
        ParticipantId id = new ParticipantId(target);
        Participant local = participants.get(id);
        if (local != null) {
            return local.live
                    ? Optional.of(new RegisteredParticipant(id, local.room, local.user, local.guestModerator, instance))
                    : Optional.empty();
        }
        return registry.find(id);
    }

    /** Tells every live connection of {@code user} in the room, on every instance, its new view of the folder. */
    void roleChanged(RoomId room, UserId user) {
        publish(new RoomEvent.RoleChanged(room, user));
    }

    /** Tells everyone in the meeting, on every instance, about a folder created while it runs. */
    @Override
    public void folderCreated(Room room, SharedFolder folder) {
        publish(new RoomEvent.FolderCreated(room.id()));
    }

    /** Tells everyone in the meeting, on every instance, that the folder is gone. */
    @Override
    public void folderDeleted(RoomId room) {
        publish(new RoomEvent.FolderDeleted(room));
    }

    /** Closes every connection of a deleted room, on every instance. */
    void roomDeleted(RoomId room) {
        publish(new RoomEvent.RoomDeleted(room));
    }

    private void publish(RoomEvent event) {
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            // the change is stored; participants see it when they next join
            LOG.log(Level.WARNING, "could not publish a room event; connected participants are not told", e);
        }
    }

    /** An event from any instance, this one included: passed on to the participants connected here. */
    @Override
    public void onEvent(long seq, RoomEvent event) {
        RoomId roomId = event.room();
        if (event instanceof RoomEvent.RoomDeleted) {
            closeRoom(roomId);
            return;
        }
        synchronized (lock(roomId)) {
            if (!hasLiveParticipants(roomId)) {
                lastSeq.remove(roomId);
                return;
            }
            Long last = lastSeq.get(roomId);
            if (last != null && seq <= last) {
                return; // seen already
            }
            lastSeq.put(roomId, seq);
            if (last != null && seq > last + 1) {
                // events of this room were lost on the way: the current state says what they did
                catchUpLocked(roomId);
                return;
            }
            if (event instanceof RoomEvent.FolderDeleted) {
                // needs nothing loaded: the room itself may be gone by now (its deletion follows)
                forLive(roomId, (id, p) -> {
                    p.lastView = Optional.empty();
                    publisher.send(id, new SignalingMessage.SharedFolderDeleted());
                });
                return;
            }
            Optional<Room> room = rooms.findById(roomId);
            if (room.isEmpty()) {
                disconnectLocked(roomId);
                return;
            }
            apply(room.get(), event);
        }
    }

    private void apply(Room room, RoomEvent event) {
        if (event instanceof RoomEvent.FolderCreated) {
            Optional<SharedFolder> folder = folders.find(room.id());
            forLive(room.id(), (id, p) -> folder.ifPresent(f -> sendFolder(id, p, room, f)));
        } else if (event instanceof RoomEvent.RoleChanged changed) {
            Optional<SharedFolder> folder = folders.find(room.id());
            forLive(room.id(), (id, p) -> {
                if (p.user.equals(Optional.of(changed.user()))) {
                    folder.ifPresent(f -> sendFolder(id, p, room, f));
                }
            });
        } else if (event instanceof RoomEvent.GuestRoleChanged guest) {
            Participant p = participants.get(guest.participant());
            if (p != null && p.live && p.room.equals(room.id()) && p.user.isEmpty()) {
                p.guestModerator = guest.moderator();
                folders.find(room.id()).ifPresent(f -> sendFolder(guest.participant(), p, room, f));
            }
        }
    }

    /** The channel may have lost events of any room: every room with participants here catches up. */
    @Override
    public void missed() {
        participants.values().stream().map(p -> p.room).distinct().forEach(room -> {
            synchronized (lock(room)) {
                lastSeq.remove(room);
                catchUpLocked(room);
            }
        });
    }

    /**
     * Brings each live participant of the room to the current state, sending only what differs
     * from what it last heard: {@code updated}, {@code deleted}, or the close of a deleted room.
     */
    private void catchUpLocked(RoomId roomId) {
        Optional<Room> room = rooms.findById(roomId);
        if (room.isEmpty()) {
            // as when the deletion is heard: the folder's end, then the close
            forLive(roomId, (id, p) -> {
                if (p.lastView.isPresent()) {
                    publisher.send(id, new SignalingMessage.SharedFolderDeleted());
                }
            });
            disconnectLocked(roomId);
            return;
        }
        Optional<SharedFolder> folder = folders.find(roomId);
        forLive(roomId, (id, p) -> {
            if (p.user.isEmpty()) {
                registry.find(id).ifPresent(r -> p.guestModerator = r.guestModerator());
            }
            Optional<SharedFolderView> view = folder.map(f -> SharedFolderView.of(f, roleOf(room.get(), p)));
            if (view.equals(p.lastView)) {
                return;
            }
            p.lastView = view;
            publisher.send(
                    id,
                    view.isPresent()
                            ? new SignalingMessage.SharedFolderUpdated(view.get())
                            : new SignalingMessage.SharedFolderDeleted());
        });
    }

    private void closeRoom(RoomId room) {
        synchronized (lock(room)) {
            disconnectLocked(room);
        }
        roomLocks.remove(room);
    }

    private void disconnectLocked(RoomId room) {
        List<ParticipantId> gone = participants.entrySet().stream()
                .filter(e -> e.getValue().room.equals(room))
                .map(Map.Entry::getKey)
                .toList();
        gone.forEach(id -> {
            participants.remove(id);
            publisher.disconnect(id);
        });
        lastSeq.remove(room);
    }

    private void sendFolder(ParticipantId id, Participant p, Room room, SharedFolder folder) {
        SharedFolderView view = SharedFolderView.of(folder, roleOf(room, p));
        p.lastView = Optional.of(view);
        publisher.send(id, new SignalingMessage.SharedFolderUpdated(view));
    }

    private void forLive(RoomId room, java.util.function.BiConsumer<ParticipantId, Participant> action) {
        participants.forEach((id, p) -> {
            if (p.live && p.room.equals(room)) {
                action.accept(id, p);
            }
        });
    }

    private boolean hasLiveParticipants(RoomId room) {
        return participants.values().stream().anyMatch(p -> p.room.equals(room));
    }

    /** Live participants connected to this instance, for tests and metrics. */
    int liveParticipants(RoomId room) {
        return (int) participants.values().stream()
                .filter(p -> p.live && p.room.equals(room))
                .count();
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
