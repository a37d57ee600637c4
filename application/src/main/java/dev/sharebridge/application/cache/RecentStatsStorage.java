package dev.sharebridge.application.cache;

import dev.sharebridge.application.port.out.cache.CacheInvalidations;
import dev.sharebridge.application.port.out.cache.CacheInvalidations.Cache;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.PublicLinkCapability;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Any {@link StorageProvider} whose {@link #stat} may answer from a result read less than
 * {@code maxStaleness} ago ({@link RecentReads}), so that an item opened by many at once
 * (through a share link) is looked at once per that time, on the disk or in NextCloud alike.
 *
 * <p>Every change made through this provider (write, folder, delete, move, copy) ends every
 * kept result at once, not only those of the paths it names, and is
 * {@linkplain CacheInvalidations#publish published}: a change another instance publishes ends
 * every kept result here as soon as it arrives, and while the channel does not receive nothing is
 * kept. Changes made by others (programs writing into the directory, people editing in NextCloud)
 * are seen after at most {@code maxStaleness}. Only {@code stat} is affected: listings, reads, writes and
 * {@link #ping} always reach the storage, and a kept result is never used to open a file.
 */
public final class RecentStatsStorage implements StorageProvider {
    private final StorageProvider storage;
    private final RecentReads<ItemPath, Optional<StoredItem>> recent;
    private final CacheInvalidations invalidations;

    /** Alone on its storage: only the changes made through it end what it keeps before its time. */
    public RecentStatsStorage(StorageProvider storage, Duration maxStaleness) {
        this(storage, maxStaleness, new InProcessCacheInvalidations());
    }

    /**
     * @param maxStaleness {@link Duration#ZERO}: every stat reaches the storage (changes are
     *     published all the same, for the instances that keep results)
     * @param invalidations the channel to the other instances on the same storage
     */
    public RecentStatsStorage(StorageProvider storage, Duration maxStaleness, CacheInvalidations invalidations) {
        this(storage, maxStaleness, System::nanoTime, invalidations);
    }

    RecentStatsStorage(
            StorageProvider storage, Duration maxStaleness, LongSupplier nanoTime, CacheInvalidations invalidations) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.recent = new RecentReads<>(maxStaleness, nanoTime);
        this.invalidations = Objects.requireNonNull(invalidations, "invalidations");
        invalidations.subscribe(new Forget(Cache.FILES, recent));
    }

    /** How often a kept result was reused or not, for metrics. */
    public RecentReads.Stats stats() {
        return recent.stats();
    }

    @Override
    public Optional<StoredItem> stat(ItemPath path) throws StorageException {
        return recent.get(path, () -> storage.stat(path));
    }

    @Override
    public List<StoredItem> list(ItemPath folder) throws StorageException {
        return storage.list(folder);
    }

    @Override
    public Stream<StoredItem> children(ItemPath folder) throws StorageException {
        return storage.children(folder);
    }

    @Override
    public ItemContent read(ItemPath file, Optional<ByteRange> range) throws StorageException {
        return storage.read(file, range);
    }

    @Override
    public WriteResult write(ItemPath file, InputStream content) throws StorageException {
        return change(() -> storage.write(file, content));
    }

    @Override
    public boolean makeFolder(ItemPath folder) throws StorageException {
        return change(() -> storage.makeFolder(folder));
    }

    @Override
    public boolean delete(ItemPath path) throws StorageException {
        return change(() -> storage.delete(path));
    }

    /** Ends every kept result, those of both trees among them, also when the move fails halfway. */
    @Override
    public TransferResult move(ItemPath from, ItemPath to, boolean overwrite) throws StorageException {
        return change(() -> storage.move(from, to, overwrite));
    }

    /** Ends every kept result: the destination's tree is new or replaced. */
    @Override
    public TransferResult copy(ItemPath from, ItemPath to, boolean overwrite) throws StorageException {
        return change(() -> storage.copy(from, to, overwrite));
    }

    /** Runs a change through {@link RecentReads#change} and then tells the other instances, also when it failed. */
    private <T> T change(RecentReads.Step<T, StorageException> change) throws StorageException {
        try {
            return recent.change(change);
        } finally {
            Forget.publish(invalidations, Cache.FILES);
        }
    }

    @Override
    public Optional<PublicLinkCapability> publicLinks() {
        return storage.publicLinks();
    }

    @Override
    public void ping() throws StorageException {
        storage.ping();
    }

    @Override
    public String toString() {
        return storage.toString();
    }
}
