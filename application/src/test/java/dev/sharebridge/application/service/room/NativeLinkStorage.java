package dev.sharebridge.application.service.room;

import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.PublicLinkCapability;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A storage with native public links (like NextCloud) whose link calls can be made to fail. */
final class NativeLinkStorage implements StorageProvider, PublicLinkCapability {
    record Made(ItemPath folder, Access access, String password, Optional<LocalDate> expiresOn) {}

    final InMemoryStorageProvider files;
    final Map<String, Made> links = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    volatile Access failCreateOf;
    volatile boolean failDelete;
    /** The names of the threads links were made on. */
    final List<String> creatingThreads = new java.util.concurrent.CopyOnWriteArrayList<>();

    NativeLinkStorage(Clock clock) {
        this.files = new InMemoryStorageProvider(clock);
    }

    @Override
    public PublicLink create(ItemPath folder, Access access, String password, Optional<LocalDate> expiresOn)
            throws StorageException {
        creatingThreads.add(Thread.currentThread().getName());
        if (access == failCreateOf) {
            throw new StorageUnavailableException(
                    "link creation failed (test)", null, java.time.Duration.ofSeconds(42));
        }
        String id = Integer.toString(ids.incrementAndGet());
        links.put(id, new Made(folder, access, password, expiresOn));
        return new PublicLink(id, "https://cloud.example/s/link" + id, access);
    }

    @Override
    public void delete(String linkId) throws StorageException {
        if (failDelete) {
            throw new StorageUnavailableException("link deletion failed (test)", null);
        }
        links.remove(linkId);
    }

    @Override
    public Optional<PublicLinkCapability> publicLinks() {
        return Optional.of(this);
    }

    @Override
    public Optional<StoredItem> stat(ItemPath path) throws StorageException {
        return files.stat(path);
    }

    @Override
    public List<StoredItem> list(ItemPath folder) throws StorageException {
        return files.list(folder);
    }

    @Override
    public ItemContent read(ItemPath file, Optional<ByteRange> range) throws StorageException {
        return files.read(file, range);
    }

    @Override
    public WriteResult write(ItemPath file, InputStream content) throws StorageException {
        return files.write(file, content);
    }

    @Override
    public boolean makeFolder(ItemPath folder) throws StorageException {
        return files.makeFolder(folder);
    }

    @Override
    public boolean delete(ItemPath path) throws StorageException {
        return files.delete(path);
    }

    @Override
    public TransferResult move(ItemPath from, ItemPath to, boolean overwrite) throws StorageException {
        return files.move(from, to, overwrite);
    }

    @Override
    public TransferResult copy(ItemPath from, ItemPath to, boolean overwrite) throws StorageException {
        return files.copy(from, to, overwrite);
    }
}
