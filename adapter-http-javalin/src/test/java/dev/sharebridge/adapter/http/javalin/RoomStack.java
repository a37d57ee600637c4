package dev.sharebridge.adapter.http.javalin;

import dev.sharebridge.adapter.http.javalin.signaling.WebSocketSignalingPublisher;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.service.room.MeetingBackplane;
import dev.sharebridge.application.service.room.MeetingService;
import dev.sharebridge.application.service.room.RoomInvitationsService;
import dev.sharebridge.application.service.room.RoomModeratorsService;
import dev.sharebridge.application.service.room.RoomService;
import dev.sharebridge.application.service.room.RoomSettings;
import dev.sharebridge.application.service.room.SharedFolderService;
import dev.sharebridge.application.service.signaling.InProcessRoomEvents;
import dev.sharebridge.application.testing.FakePasswordHasher;
import dev.sharebridge.application.testing.InMemoryDeletionFence;
import dev.sharebridge.application.testing.InMemoryParticipantRegistry;
import dev.sharebridge.application.testing.InMemoryRoomRepository;
import dev.sharebridge.application.testing.InMemoryShareRepository;
import dev.sharebridge.application.testing.InMemorySharedFolderRepository;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.application.testing.InMemoryTicketStore;
import dev.sharebridge.application.testing.InMemoryUserRepository;
import dev.sharebridge.application.testing.MutableClock;
import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.util.Optional;

/** The real room services on the application's in-memory fakes, publishing through the WebSocket adapter. */
final class RoomStack {
    static final String[] USERS = {"alice", "bob", "carol", "dave"};

    final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
    final InMemoryUserRepository users = new InMemoryUserRepository();
    final InMemoryRoomRepository rooms = new InMemoryRoomRepository();
    final InMemorySharedFolderRepository folders = new InMemorySharedFolderRepository();
    final InMemoryShareRepository shares = new InMemoryShareRepository();
    final InMemoryStorageProvider storage = new InMemoryStorageProvider(clock);
    final WebSocketSignalingPublisher publisher;
    final MeetingService meetings;
    final SharedFolderService sharedFolders;
    final RoomService roomService;
    final RoomInvitationsService invitations;
    final RoomModeratorsService moderators;

    RoomStack() {
        this(WebSocketSignalingPublisher.DEFAULT_MAX_QUEUED_MESSAGES);
    }

    RoomStack(int maxQueuedMessages) {
        for (String name : USERS) {
            users.add(new User(UserId.of(name), "digest-" + name, clock.instant()));
        }
        SecureRandom random = new SecureRandom();
        RoomSettings settings = RoomSettings.defaults("https://share.example.org", "test", Optional.empty());
        publisher = new WebSocketSignalingPublisher(clock, maxQueuedMessages);
        InMemoryParticipantRegistry registry = new InMemoryParticipantRegistry();
        registry.roomExists(room -> rooms.findById(room).isPresent());
        meetings = new MeetingService(
                rooms,
                folders,
                new MeetingBackplane(
                        new InMemoryTicketStore(), registry, new InProcessRoomEvents(), InstanceId.random(random)),
                publisher,
                clock,
                random,
                settings);
        sharedFolders = new SharedFolderService(
                rooms,
                folders,
                shares,
                new InMemoryDeletionFence(shares),
                storage,
                new FakePasswordHasher(),
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
