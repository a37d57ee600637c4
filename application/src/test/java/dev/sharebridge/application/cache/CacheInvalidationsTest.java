package dev.sharebridge.application.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.cache.CacheInvalidations;
import dev.sharebridge.application.testing.InMemoryShareRepository;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.user.UserId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Two "instances" of each decorator on one repository or storage, told of each other's changes by
 * one in-process channel, as instances on one database are by PostgreSQL's: a change through one
 * ends what the other keeps at once, long before the staleness runs out (the clock never moves).
 */
class CacheInvalidationsTest {
    private static final Duration KEPT = Duration.ofHours(1);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final InMemoryShareRepository database = new InMemoryShareRepository();
    private final CacheInvalidations channel = new InProcessCacheInvalidations();
    private final RecentShareReads a = new RecentShareReads(database, KEPT, nanos::get, channel);
    private final RecentShareReads b = new RecentShareReads(database, KEPT, nanos::get, channel);

    private Share link() {
        Share share = new Share(
                ShareId.random(),
                ItemPath.parse("docs"),
                ItemType.FOLDER,
                Optional.empty(),
                ShareToken.generate(new SecureRandom()),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                0,
                Optional.empty(),
                T0,
                UserId.of("olga"),
                Optional.empty());
        a.insert(share);
        return share;
    }

    @Test
    void aLinkRevokedThroughOneIsGoneFromTheOtherAtOnce() {
        Share share = link();
        assertThat(b.findByToken(share.token())).contains(share);
        assertThat(b.findByToken(share.token())).contains(share);
        assertThat(b.stats().hits()).isEqualTo(1);

        a.deleteWithDescendants(share.id());

        assertThat(b.findByToken(share.token())).isEmpty();
        assertThat(b.stats().invalidations()).isEqualTo(1);
    }

    @Test
    void aPasswordOrALimitSetThroughOneIsSeenByTheOtherAtOnce() {
        Share share = link();
        assertThat(b.findByToken(share.token())).contains(share);

        Share withPassword = share.withPasswordHash(Optional.of("$2a$hash"));
        assertThat(a.update(withPassword)).isTrue();
        assertThat(b.findByToken(share.token())).contains(withPassword);

        Share limited = withPassword.withMaxAccesses(Optional.of(3L));
        assertThat(a.update(limited)).isTrue();
        assertThat(b.findByToken(share.token())).contains(limited);
    }

    @Test
    void everyDeleteThroughOneEndsWhatTheOtherKeeps() {
        Share share = link();
        b.findByToken(share.token());
        a.deleteByOwner(UserId.of("olga"));
        assertThat(b.findByToken(share.token())).isEmpty();

        Share again = link();
        b.findByToken(again.token());
        a.deleteByOwnerAndPathPrefix(UserId.of("olga"), ItemPath.parse("docs"));
        assertThat(b.findByToken(again.token())).isEmpty();
        assertThat(b.stats().invalidations()).isEqualTo(2);
    }

    @Test
    void whileTheChannelIsDeafNothingIsKeptAndOnceItListensAgainNothingOldIsAnswered() {
        Channel controlled = new Channel();
        RecentShareReads cached = new RecentShareReads(database, KEPT, nanos::get, controlled);
        Share share = link();
        cached.findByToken(share.token()); // kept while the channel listens
        long before = database.findByTokenCalls();

        controlled.deaf();
        Share changed = share.withLabel(Optional.of("changed elsewhere, unheard"));
        database.update(changed);
        assertThat(cached.findByToken(share.token())).contains(changed);
        assertThat(cached.findByToken(share.token())).contains(changed);
        assertThat(database.findByTokenCalls()).as("kept nothing while deaf").isEqualTo(before + 2);

        controlled.listening();
        Share changedAgain = changed.withLabel(Optional.of("changed again"));
        database.update(changedAgain);
        assertThat(cached.findByToken(share.token())).contains(changedAgain);
        assertThat(cached.findByToken(share.token())).contains(changedAgain);
        assertThat(database.findByTokenCalls()).as("keeps again").isEqualTo(before + 3);
    }

    @Test
    void aChangeIsPublishedAlsoWhenThisInstanceKeepsNothing() {
        RecentShareReads off = new RecentShareReads(database, Duration.ZERO, nanos::get, channel);
        Share share = link();
        b.findByToken(share.token());
        off.deleteWithDescendants(share.id());
        assertThat(b.findByToken(share.token())).isEmpty();
    }

    @Test
    void aChangeOfTheFilesEndsTheOtherInstancesStatsAndNotItsLinks() throws StorageException {
        InMemoryStorageProvider disk = new InMemoryStorageProvider(Clock.systemUTC());
        RecentStatsStorage onA = new RecentStatsStorage(disk, KEPT, nanos::get, channel);
        RecentStatsStorage onB = new RecentStatsStorage(disk, KEPT, nanos::get, channel);
        Share share = link();
        b.findByToken(share.token());
        ItemPath file = ItemPath.parse("a.txt");
        assertThat(onB.stat(file)).isEmpty();

        onA.write(file, new ByteArrayInputStream("a".getBytes(StandardCharsets.UTF_8)));

        assertThat(onB.stat(file)).isPresent();
        assertThat(onB.stats().invalidations()).isEqualTo(1);
        assertThat(b.stats().invalidations()).isZero();
    }

    /** A channel whose state the test sets. */
    private static final class Channel implements CacheInvalidations {
        private final List<Listener> listeners = new CopyOnWriteArrayList<>();

        @Override
        public void publish(Cache what) {
            listeners.forEach(l -> l.changed(what));
        }

        @Override
        public void subscribe(Listener listener) {
            listeners.add(listener);
            listener.listening();
        }

        void deaf() {
            listeners.forEach(Listener::deaf);
        }

        void listening() {
            listeners.forEach(Listener::listening);
        }
    }
}
