package dev.sharebridge.application.service.file;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.ServiceBusyException;
import dev.sharebridge.application.port.in.file.ItemThumbnail;
import dev.sharebridge.application.port.out.preview.Thumbnail;
import dev.sharebridge.application.port.out.preview.ThumbnailRefusedException;
import dev.sharebridge.application.port.out.preview.ThumbnailRefusedException.Reason;
import dev.sharebridge.application.port.out.preview.Thumbnailer;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one place thumbnails are made and kept, for the owners' and the links' use cases alike
 * (docs/architecture.md, "Thumbnails"): which files get one (the {@link Thumbnailer}'s types, at
 * most {@link Settings#maxFileBytes()}), how many are made at once, and the cache.
 *
 * <p>Kept in this process's memory, least recently used first out, up to {@link
 * Settings#cacheBytes()} of thumbnails in all, keyed by storage, storage path, etag and size: a
 * changed file has another etag, so nothing is ever answered for a version it was not made of, and
 * an entry of a file gone or changed only waits to fall out. Refusals are kept too (a file that was
 * too large or broken is not read again until it changes), except for running out of time, which
 * may have been the server's load.
 */
public final class Thumbnails {
    /** The longer edge of every thumbnail, in pixels. */
    public static final int MAX_EDGE = 256;

    /** What a refusal is counted as in the cache's bytes. */
    private static final long REFUSAL_BYTES = 128;

    /**
     * @param cacheBytes the thumbnails kept, in encoded bytes, at most
     * @param maxFileBytes files larger than this are not read
     * @param concurrent how many thumbnails are made at once
     * @param waitForSlot how long a request waits for one of them before it is told the server is busy
     */
    public record Settings(long cacheBytes, long maxFileBytes, int concurrent, Duration waitForSlot) {
        public static final Settings DEFAULTS = new Settings(
                32L * 1024 * 1024,
                50L * 1024 * 1024,
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                Duration.ofSeconds(3));

        public Settings {
            if (cacheBytes < 0 || maxFileBytes < 1 || concurrent < 1) {
                throw new IllegalArgumentException("thumbnail settings out of range");
            }
            Objects.requireNonNull(waitForSlot, "waitForSlot");
        }
    }

    /** Thumbnails answered from the cache ({@code hits}) and made or refused anew ({@code misses}). */
    public record Stats(long hits, long misses) {}

    private record Key(StorageProvider storage, ItemPath path, String etag, long size) {}

    /** A thumbnail or a refusal, as kept. */
    private record Kept(Optional<Thumbnail> thumbnail, long bytes) {}

    private final Thumbnailer thumbnailer;
    private final Settings settings;
    private final Semaphore slots;
    private final Map<Key, Kept> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedBytes;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public Thumbnails(Thumbnailer thumbnailer, Settings settings) {
        this.thumbnailer = Objects.requireNonNull(thumbnailer, "thumbnailer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.slots = new Semaphore(settings.concurrent(), true);
    }

    public Stats stats() {
        return new Stats(hits.sum(), misses.sum());
    }

    /**
     * The thumbnail of {@code item} (as {@code storage} reported it; storage paths), from the cache
     * or made now.
     *
     * @return the thumbnail with the file as it was read (storage path)
     * @throws NotFoundException when the file has no thumbnail: a folder, another type, too large, unreadable
     * @throws StorageException when the storage fails to open the file, for the caller to translate
     */
    public ItemThumbnail thumbnail(StorageProvider storage, StoredItem item)
            throws NotFoundException, ServiceBusyException, StorageException {
        if (item.isFolder() || !thumbnailer.supports(item.name()) || item.size() > settings.maxFileBytes()) {
            throw none();
        }
        Optional<Kept> kept = get(new Key(storage, item.path(), item.etag(), item.size()));
        if (kept.isPresent()) {
            hits.increment();
            return made(item, kept.get());
        }
        misses.increment();
        acquireSlot();
        try {
            try (ItemContent content = storage.read(item.path(), Optional.empty())) {
                StoredItem read = content.item();
                Key key = new Key(storage, read.path(), read.etag(), read.size());
                Optional<Kept> meanwhile = get(key); // made by another request while this one waited
                if (meanwhile.isPresent()) {
                    return made(read, meanwhile.get());
                }
                Kept made = make(content);
                if (made.bytes() > 0) {
                    put(key, made);
                }
                return made(read, made);
            } catch (IOException e) {
                // only closing can fail here: the thumbnailer reports its own read errors as refusals
                throw none();
            }
        } finally {
            slots.release();
        }
    }

    private Kept make(ItemContent content) throws StorageException {
        StoredItem read = content.item();
        if (read.size() > settings.maxFileBytes()) {
            return new Kept(Optional.empty(), REFUSAL_BYTES);
        }
        try {
            Thumbnail t = thumbnailer.thumbnail(content.stream(), read.name(), read.size(), MAX_EDGE);
            return new Kept(Optional.of(t), t.bytes().length);
        } catch (ThumbnailRefusedException e) {
            // out of time may have been the load, not the file: tried again next time (bytes 0: not kept)
            return new Kept(Optional.empty(), e.reason() == Reason.TOO_SLOW ? 0 : REFUSAL_BYTES);
        }
    }

    private static ItemThumbnail made(StoredItem item, Kept kept) throws NotFoundException {
        if (kept.thumbnail().isEmpty()) {
            throw none();
        }
        return new ItemThumbnail(item, kept.thumbnail().get());
    }

    private void acquireSlot() throws ServiceBusyException {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(settings.waitForSlot().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ServiceBusyException(
                    "the server is busy making thumbnails; try again later", Duration.ofSeconds(1), 0);
        }
    }

    private synchronized Optional<Kept> get(Key key) {
        return Optional.ofNullable(cache.get(key));
    }

    private synchronized void put(Key key, Kept kept) {
        if (kept.bytes() > settings.cacheBytes()) {
            return;
        }
        Kept old = cache.put(key, kept);
        cachedBytes += kept.bytes() - (old == null ? 0 : old.bytes());
        Iterator<Kept> eldest = cache.values().iterator();
        while (cachedBytes > settings.cacheBytes() && eldest.hasNext()) {
            cachedBytes -= eldest.next().bytes();
            eldest.remove();
        }
    }

    /** The bytes the cache holds now (thumbnails and refusals), for tests and metrics. */
    public synchronized long cachedBytes() {
        return cachedBytes;
    }

    private static NotFoundException none() {
        return new NotFoundException("this file has no thumbnail");
    }
}
