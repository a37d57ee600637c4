package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.dav.DavLockStore;
import dev.sharebridge.application.port.out.dav.DavSpaceKey;
import dev.sharebridge.application.port.out.dav.DavStateContract;
import dev.sharebridge.application.port.out.dav.DeadPropertyStore;
import dev.sharebridge.domain.TokenDigest;
import dev.sharebridge.domain.dav.DavLock;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.User;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The WebDAV state contract on a database, and what only the tables do: a space's state ends
 * with its link or its user, and locks expire in the table for every reader.
 */
abstract class JdbiDavStateTests extends DavStateContract {
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ShareId> links = new HashMap<>();

    protected abstract JdbiPersistence db();

    @Override
    protected DavLockStore locks() {
        return db().davLocks();
    }

    @Override
    protected DeadPropertyStore properties() {
        return db().deadProperties();
    }

    @Override
    protected void emptyStore() {
        TestDatabases.empty(db());
        for (var user : List.of(ALICE, BOB)) {
            db().users().add(new User(user, TokenDigest.digest(user.value() + random.nextLong()), T0));
        }
    }

    @Override
    protected DavSpaceKey.Link newLink() {
        Share s = Share.create(
                ShareId.random(),
                ItemPath.parse("docs"),
                ItemType.FOLDER,
                Optional.empty(),
                ShareToken.generate(random),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                T0,
                ALICE,
                Optional.empty());
        db().shares().insert(s);
        links.put(s.token().value(), s.id());
        return (DavSpaceKey.Link) DavSpaceKey.link(s.token().value());
    }

    private void setEverything(DavSpaceKey space) {
        ItemPath a = ItemPath.parse("a.txt");
        assertThat(locks().lock(space, DavLock.create(a, true, false, "", Duration.ofMinutes(1), T0), T0))
                .isTrue();
        assertThat(properties()
                        .apply(
                                space,
                                a,
                                List.of(new DeadPropertyStore.Change(
                                        new DeadPropertyStore.Name("", "p"), Optional.of("<p/>")))))
                .isTrue();
    }

    private long rows(String table) {
        return db().jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                        .mapTo(Long.class)
                        .one());
    }

    @Test
    void aDeletedLinkTakesTheStateOfItsSpace() {
        DavSpaceKey.Link link = newLink();
        setEverything(link);
        setEverything(alice);
        assertThat(db().shares().deleteWithDescendants(links.get(link.token()))).isEqualTo(1);
        assertThat(locks().live(link, T0)).isEmpty();
        assertThat(properties().of(link, ItemPath.parse("a.txt"))).isEmpty();
        assertThat(locks().live(alice, T0)).hasSize(1);
        assertThat(rows("dav_locks")).isEqualTo(1);
        assertThat(rows("dav_properties")).isEqualTo(1);
    }

    @Test
    void theLinksOfADeletedItemTakeTheirSpacesAlong() {
        DavSpaceKey.Link link = newLink(); // of alice's docs
        setEverything(link);
        assertThat(db().shares().deleteByOwnerAndPathPrefix(ALICE, ItemPath.parse("docs")))
                .isEqualTo(1);
        assertThat(rows("dav_spaces")).isZero();
        assertThat(rows("dav_locks")).isZero();
    }

    @Test
    void aRemovedUserTakesTheStateOfTheirSpace() {
        setEverything(alice);
        setEverything(bob);
        assertThat(db().users().remove(BOB)).isTrue();
        assertThat(locks().live(bob, T0)).isEmpty();
        assertThat(properties().of(bob, ItemPath.parse("a.txt"))).isEmpty();
        assertThat(rows("dav_locks")).isEqualTo(1);
    }

    @Test
    void theSpaceOfALinkThatIsGoneTakesNoState() {
        DavSpaceKey gone = DavSpaceKey.link("no-such-link");
        DavLock l = DavLock.create(ItemPath.parse("a.txt"), true, false, "", Duration.ofMinutes(1), T0);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> locks().lock(gone, l, T0)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(rows("dav_spaces")).isZero();
    }
}
