package dev.sharebridge.application.cache;

import dev.sharebridge.application.port.out.cache.CacheInvalidations;
import dev.sharebridge.application.port.out.cache.CacheInvalidations.Cache;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What a decorator does on what the channel says: forget on a change of its cache, keep nothing while deaf. */
final class Forget implements CacheInvalidations.Listener {
    private static final Logger LOG = Logger.getLogger(Forget.class.getName());

    private final Cache cache;
    private final RecentReads<?, ?> recent;

    Forget(Cache cache, RecentReads<?, ?> recent) {
        this.cache = cache;
        this.recent = recent;
    }

    @Override
    public void changed(Cache what) {
        if (what == cache) {
            recent.changedElsewhere();
        }
    }

    @Override
    public void deaf() {
        recent.pause();
    }

    @Override
    public void listening() {
        recent.resume();
    }

    /**
     * Tells the other instances after a change; a failure is logged, the change stays (they see it
     * after at most their staleness).
     */
    static void publish(CacheInvalidations invalidations, Cache what) {
        try {
            invalidations.publish(what);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "could not tell the other instances of a change ("
                            + e.getClass().getSimpleName() + "); they see it after at most their [cache] time",
                    e);
        }
    }
}
