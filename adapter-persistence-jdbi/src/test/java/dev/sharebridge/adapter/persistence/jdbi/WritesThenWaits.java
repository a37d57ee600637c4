package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.persistence.DeletionFence.Scope;
import dev.sharebridge.application.port.out.room.RoomMember;
import dev.sharebridge.application.testing.FakeSecretBox;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;

/**
 * Run as a separate JVM by {@link H2KillTest}: one write of every kind through the repositories,
 * then {@code written} and the ids on standard output, then it waits to be killed.
 */
public final class WritesThenWaits {
    static final Instant T0 = Instant.parse("2026-03-04T05:06:07.891Z");
    static final String KEPT_HASH = "a".repeat(64);
    static final String RENEWED_HASH = "b".repeat(64);

    private WritesThenWaits() {}

    static Share share(String id, Optional<Long> maxAccesses, Optional<ShareId> parent) {
        return new Share(
                ShareId.parse(id).orElseThrow(),
                ItemPath.parse("/docs"),
                ItemType.FOLDER,
                Optional.empty(),
                ShareToken.generate(new SecureRandom()),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                maxAccesses,
                0,
                Optional.empty(),
                T0,
                UserId.of("alice"),
                parent);
    }

    public static void main(String[] args) throws IOException {
        String url = args[0];
        try (JdbiPersistence db = JdbiPersistence.open(url, "", "")) {
            db.users().add(new User(UserId.of("carol"), "c".repeat(64), T0));
            db.users().add(new User(UserId.of("alice"), KEPT_HASH, T0));
            db.users().add(new User(UserId.of("bob"), "d".repeat(64), T0));
            db.users().replaceTokenHash(UserId.of("bob"), RENEWED_HASH);
            db.users().remove(UserId.of("carol"));

            Share limited = share(args[1], Optional.of(100L), Optional.empty());
            Share unlimited = share(args[2], Optional.empty(), Optional.empty());
            Share doomed = share(args[3], Optional.empty(), Optional.of(unlimited.id()));
            db.shares().insert(limited);
            db.shares().insert(unlimited);
            db.shares().insert(doomed);
            db.shares().update(limited.withLabel(Optional.of("changed")));
            db.shares().deleteWithDescendants(doomed.id());
            // read by token first, as the open path does
            db.shares().findByToken(unlimited.token());
            for (int i = 1; i <= 3; i++) {
                db.shares().recordAccess(LinkChain.of(limited), T0.plusSeconds(i));
                db.shares().recordAccess(LinkChain.of(unlimited), T0.plusSeconds(i));
            }
            // every count answered is committed already
            System.out.println("shown "
                    + db.shares().findById(unlimited.id()).orElseThrow().accessCount());

            RoomId room = RoomId.parse(args[4]).orElseThrow();
            db.rooms().insert(new Room(room, Optional.of("standup"), UserId.of("alice"), T0));
            db.rooms().putMember(room, new RoomMember(UserId.of("bob"), true));
            db.rooms().addInviteCode(room, "invite-digest", T0);
            db.sharedFolders(new FakeSecretBox()).claim(room, T0, T0.plusSeconds(600));
            db.deletionFence()
                    .begin(Scope.userSpace(UserId.of("alice")), ItemPath.parse("/docs"), T0, T0.plusSeconds(600));

            System.out.println("written");
            System.out.flush();
            // killed here; a clean close would write everything anyway
            System.in.read();
        }
    }
}
