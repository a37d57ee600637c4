package dev.sharebridge.docs;

import dev.sharebridge.adapter.persistence.jdbi.JdbiPersistence;
import dev.sharebridge.adapter.storage.local.LocalStorageProvider;
import dev.sharebridge.application.port.in.room.Admission;
import dev.sharebridge.application.port.in.room.SharedFolderResult;
import dev.sharebridge.application.port.in.share.NewShareCommand;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.port.out.room.SharedFolderRepository;
import dev.sharebridge.application.port.out.security.PasswordHasher;
import dev.sharebridge.application.port.out.security.PasswordStrength;
import dev.sharebridge.application.port.out.security.SecretBox;
import dev.sharebridge.application.port.out.signaling.SignalingMessage;
import dev.sharebridge.application.port.out.signaling.SignalingPublisher;
import dev.sharebridge.application.service.room.MeetingBackplane;
import dev.sharebridge.application.service.room.MeetingService;
import dev.sharebridge.application.service.room.RoomInvitationsService;
import dev.sharebridge.application.service.room.RoomModeratorsService;
import dev.sharebridge.application.service.room.RoomService;
import dev.sharebridge.application.service.room.RoomSettings;
import dev.sharebridge.application.service.room.SharedFolderService;
import dev.sharebridge.application.service.share.ShareLinkService;
import dev.sharebridge.application.service.share.ShareSettings;
import dev.sharebridge.application.service.user.UserService;
import dev.sharebridge.bootstrap.security.AesGcmSecretBox;
import dev.sharebridge.bootstrap.security.BcryptPasswordHasher;
import dev.sharebridge.bootstrap.security.ZxcvbnPasswordStrength;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.user.UserId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a Java application embeds Sharebridge's meeting folders without Javalin or the server:
 * plain {@code new} of the use cases on the adapters it wants, and its own
 * {@link SignalingPublisher} to carry the messages over its own transport. Compiled (and run by
 * a test) with every build, so it cannot drift from the API.
 */
public final class EmbeddingExample {

    /** What the example's transport delivered, in order. */
    public record Delivery(ParticipantId to, SignalingMessage message) {}

    private EmbeddingExample() {}

    public static void main(String[] args) throws Exception {
        for (Delivery d : run(Files.createTempDirectory("sharebridge-example"))) {
            System.out.println(d.to() + " <- " + d.message().namespace() + " " + d.message());
        }
    }

    /** Creates a room, lets bob join, creates the folder during the meeting and promotes bob. */
    public static List<Delivery> run(Path storageDirectory) throws Exception {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        byte[] key = new byte[32];
        random.nextBytes(key); // a real application keeps this key (it decrypts stored link passwords)

        // 1. Driven adapters: database, storage, password hashing, encryption, and our transport.
        List<Delivery> delivered = new ArrayList<>();
        SignalingPublisher transport = (to, message) -> {
            synchronized (delivered) {
                delivered.add(new Delivery(to, message));
            }
        };
        try (JdbiPersistence db = JdbiPersistence.open(
                "jdbc:h2:mem:example-" + random.nextInt(1_000_000) + ";DB_CLOSE_DELAY=-1", "", "")) {
            StorageProvider storage = new LocalStorageProvider(storageDirectory);
            PasswordHasher hasher = new BcryptPasswordHasher(10, random);
            PasswordStrength strength = new ZxcvbnPasswordStrength();
            SecretBox secrets = new AesGcmSecretBox(key, random);
            SharedFolderRepository folders = db.sharedFolders(secrets);

            // 2. The use cases, wired by hand.
            RoomSettings settings = RoomSettings.defaults("https://share.example.org", "local", Optional.of(2));
            // tickets, the participants of every instance and the room events live in the database
            // (on PostgreSQL they reach every process on it; here, in this process)
            MeetingBackplane backplane =
                    new MeetingBackplane(db.tickets(), db.participants(), db.roomEvents(), InstanceId.random(random));
            MeetingService meetings =
                    new MeetingService(db.rooms(), folders, backplane, transport, clock, random, settings);
            // the shared-folder service owns the threads that make provider links: close it
            try (SharedFolderService sharedFolders = new SharedFolderService(
                    db.rooms(),
                    folders,
                    db.shares(),
                    db.deletionFence(),
                    storage,
                    hasher,
                    meetings,
                    clock,
                    random,
                    settings)) {
                RoomService rooms = new RoomService(db.rooms(), db.users(), sharedFolders, meetings, clock);
                RoomInvitationsService invitations =
                        new RoomInvitationsService(db.rooms(), db.users(), meetings, clock, random);
                RoomModeratorsService moderators = new RoomModeratorsService(db.rooms(), db.users(), meetings);
                UserService users =
                        new UserService(db.users(), db.shares(), storage, db.deletionFence(), clock, random);
                ShareLinkService links = new ShareLinkService(
                        db.shares(),
                        storage,
                        hasher,
                        strength,
                        db.deletionFence(),
                        clock,
                        random,
                        ShareSettings.defaults("https://share.example.org"));

                // 3. Drive them as the application's own code would.
                UserId olga = UserId.of("olga");
                UserId bob = UserId.of("bob");
                users.add(olga);
                users.add(bob);
                Room room = rooms.create(olga, Optional.of("Weekly planning"));
                invitations.invite(olga, room.id(), bob);

                Admission bobJoins =
                        meetings.redeem(meetings.start(bob, room.id()).value());
                meetings.enter(bobJoins.participant()); // bob: control / join_success
                SharedFolderResult folder = sharedFolders.put(olga, room.id()); // bob: shared_folder / updated (read)
                moderators.grantModerator(olga, room.id(), bob); // bob: shared_folder / updated (read_write)
                meetings.leave(bobJoins.participant());
                // a password-protected link to olga's space (guessable passwords are refused)
                links.create(
                        olga,
                        new NewShareCommand(
                                ItemPath.root(),
                                Optional.empty(),
                                Optional.of("a long passphrase"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()));
                if (!folder.created()) {
                    throw new IllegalStateException("the folder should be new");
                }
            }
        }
        return List.copyOf(delivered);
    }
}
