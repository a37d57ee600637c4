package dev.sharebridge.application.service.room;

import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.service.signaling.InProcessRoomEvents;
import dev.sharebridge.application.testing.FakePasswordHasher;
import dev.sharebridge.application.testing.InMemoryDeletionFence;
import dev.sharebridge.application.testing.InMemoryParticipantRegistry;
import dev.sharebridge.application.testing.InMemoryRoomRepository;
import dev.sharebridge.application.testing.InMemoryShareRepository;
import dev.sharebridge.application.testing.InMemorySharedFolderRepository;
import dev.sharebridge.application.testing.InMemoryTicketStore;
import dev.sharebridge.application.testing.InMemoryUserRepository;
import dev.sharebridge.application.testing.MutableClock;
import dev.sharebridge.application.testing.RecordingSignalingPublisher;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.util.Optional;

/** Rooms, shared folders and meetings wired on in-memory fakes. */
final class RoomFixture {
    static final UserId OWNER = UserId.of("olga");
    static final UserId BOB = UserId.of("bob");
    static final UserId CAROL = UserId.of("carol");
    static final UserId STRANGER = UserId.of("stranger");

    final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    final InMemoryUserRepository users = new InMemoryUserRepository();
    final InMemoryRoomRepository rooms = new InMemoryRoomRepository();
    final InMemorySharedFolderRepository folders = new InMemorySharedFolderRepository();
    final InMemoryShareRepository shares = new InMemoryShareRepository();
    final InMemoryDeletionFence fence = new InMemoryDeletionFence(shares);
    final FakePasswordHasher hasher = new FakePasswordHasher();
    final RecordingSignalingPublisher publisher = new RecordingSignalingPublisher();
    final InMemoryTicketStore tickets = new InMemoryTicketStore();
    final InMemoryParticipantRegistry registry = new InMemoryParticipantRegistry();
    final InProcessRoomEvents events = new InProcessRoomEvents();
    final StorageProvider storage;
    final RoomSettings settings;
    final MeetingService meetings;
    final SharedFolderService sharedFolders;
    final RoomService roomService;
    final RoomInvitationsService invitations;
    final RoomModeratorsService moderators;

    RoomFixture(StorageProvider storage, Optional<Integer> expiryDays) {
        this.storage = storage;
        for (UserId u : new UserId[] {OWNER, BOB, CAROL, STRANGER}) {
            users.add(new User(u, "digest-" + u, clock.instant()));
        }
        SecureRandom random = new SecureRandom();
        settings = RoomSettings.defaults("https://share.example.org", "test", expiryDays);
        registry.roomExists(room -> rooms.findById(room).isPresent());
        meetings = new MeetingService(
                rooms,
                folders,
                new MeetingBackplane(tickets, registry, events, InstanceId.random(random)),
                publisher,
                clock,
                random,
                settings);
        sharedFolders = new SharedFolderService(
                rooms,
                folders,
                shares,
                fence,
                storage,
                hasher,
                meetings,
                clock,
                random,
                settings,
                d -> Thread.onSpinWait());
        roomService = new RoomService(rooms, users, sharedFolders, meetings, clock);
        invitations = new RoomInvitationsService(rooms, users, meetings, clock, random);
        moderators = new RoomModeratorsService(rooms, users, meetings);
    }
}
