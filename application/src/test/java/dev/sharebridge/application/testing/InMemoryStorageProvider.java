package dev.sharebridge.application.testing;

import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.DestinationExistsException;
import dev.sharebridge.domain.storage.ItemConflictException;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.ItemNotFoundException;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.storage.StorageRejectedException;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import dev.sharebridge.domain.storage.TransferPaths;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A StorageProvider in memory, for service tests. Follows the port's rules (parents made on
 * write, conflicts, recursive delete, root undeletable, moves and copies of whole trees; the
 * shared contract runs on it) and can be told to fail an operation. A moved item keeps its
 * etag; a copied one gets new ones.
 */
public final class InMemoryStorageProvider implements StorageProvider {
    /** The operations a test can make fail. */
    public enum Op {
        STAT,
        LIST,
        READ,
        WRITE,
        MAKE_FOLDER,
        DELETE,
        MOVE,
        COPY
    }

    private record Node(ItemType type, byte[] content, StoredItem item) {}

    private final Clock clock;
    private final TreeMap<ItemPath, Node> nodes = new TreeMap<>();
    private final Map<Op, StorageException> failures = new EnumMap<>(Op.class);
    private volatile FakePasswordHasher.Gate deletePause;
    private long versions;

    public InMemoryStorageProvider(Clock clock) {
        this.clock = clock;
        nodes.put(ItemPath.root(), folderNode(ItemPath.root()));
    }

    /** Makes every later call of {@code op} throw {@code failure} (until {@link #heal}). */
    public synchronized void fail(Op op, StorageException failure) {
        failures.put(op, failure);
    }

    public synchronized void heal() {
        failures.clear();
    }

    /** Test helper: writes a UTF-8 file, making parents. */
    public void put(ItemPath path, String content) {
        try {
            write(path, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        } catch (StorageException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized boolean exists(ItemPath path) {
        return nodes.containsKey(path);
    }

    /** Test helper: a file's content as UTF-8. */
    public synchronized String content(ItemPath path) {
        Node n = nodes.get(path);
        if (n == null || n.type() != ItemType.FILE) {
            throw new IllegalArgumentException("no file at " + path);
        }
        return new String(n.content(), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized Optional<StoredItem> stat(ItemPath path) throws StorageException {
        check(Op.STAT);
        return Optional.ofNullable(nodes.get(path)).map(Node::item);
    }

    @Override
    public synchronized List<StoredItem> list(ItemPath folder) throws StorageException {
        check(Op.LIST);
        Node n = nodes.get(folder);
        if (n == null || n.type() != ItemType.FOLDER) {
            throw new ItemNotFoundException(folder);
        }
        List<StoredItem> children = new ArrayList<>();
        for (Node c : nodes.values()) {
            if (c.item().path().parent().filter(folder::equals).isPresent()) {
                children.add(c.item());
            }
        }
        children.sort((a, b) -> a.name().compareTo(b.name()));
        return children;
    }

    @Override
    public synchronized ItemContent read(ItemPath file, Optional<ByteRange> range) throws StorageException {
        check(Op.READ);
        Node n = nodes.get(file);
        if (n == null || n.type() != ItemType.FILE) {
            throw new ItemNotFoundException(file);
        }
        byte[] c = n.content();
        InputStream in = range.isPresent()
                ? new ByteArrayInputStream(
                        c, (int) range.get().first(), (int) range.get().length())
                : new ByteArrayInputStream(c);
        return new ItemContent(n.item(), range, in);
    }

    @Override
    public WriteResult write(ItemPath file, InputStream content) throws StorageException {
        synchronized (this) {
            check(Op.WRITE);
        }
        byte[] bytes;
        try {
            bytes = content.readAllBytes();
        } catch (IOException e) {
            // nothing was stored: the old file is unchanged
            throw new StorageUnavailableException("the content stream failed", e);
        }
        synchronized (this) {
            if (file.isRoot()) {
                throw new ItemConflictException(file, "the root is a folder");
            }
            Node existing = nodes.get(file);
            if (existing != null && existing.type() == ItemType.FOLDER) {
                throw new ItemConflictException(file, "a folder is there");
            }
            makeParents(file.parent().orElseThrow());
            StoredItem item = new StoredItem(file, ItemType.FILE, bytes.length, clock.instant(), "v" + (++versions));
            nodes.put(file, new Node(ItemType.FILE, bytes, item));
            return new WriteResult(item, existing == null);
        }
    }

    @Override
    public synchronized boolean makeFolder(ItemPath folder) throws StorageException {
        check(Op.MAKE_FOLDER);
        Node existing = nodes.get(folder);
        if (existing != null) {
            if (existing.type() == ItemType.FILE) {
                throw new ItemConflictException(folder, "a file is there");
            }
            return false;
        }
        makeParents(folder);
        return true;
    }

    /**
     * Makes the next {@link #delete} stop at {@code gate} before it deletes anything (outside this
     * storage's lock, so everything else goes on meanwhile).
     */
    public void pauseNextDelete(FakePasswordHasher.Gate gate) {
        deletePause = gate;
    }

    @Override
    public boolean delete(ItemPath path) throws StorageException {
        FakePasswordHasher.Gate gate = deletePause;
        deletePause = null;
        if (gate != null) {
            try {
                gate.pass();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return deleteNow(path);
    }

    private synchronized boolean deleteNow(ItemPath path) throws StorageException {
        check(Op.DELETE);
        if (path.isRoot()) {
            throw new StorageRejectedException("the root cannot be deleted");
        }
        if (!nodes.containsKey(path)) {
            return false;
        }
        nodes.keySet().removeIf(p -> p.startsWith(path));
        return true;
    }

    @Override
    public synchronized TransferResult move(ItemPath from, ItemPath to, boolean overwrite) throws StorageException {
        check(Op.MOVE);
        return transfer("move", from, to, overwrite);
    }

    @Override
    public synchronized TransferResult copy(ItemPath from, ItemPath to, boolean overwrite) throws StorageException {
        check(Op.COPY);
        return transfer("copy", from, to, overwrite);
    }

    private TransferResult transfer(String operation, ItemPath from, ItemPath to, boolean overwrite)
            throws StorageException {
        TransferPaths.check(operation, from, to, overwrite);
        if (!nodes.containsKey(from)) {
            throw new ItemNotFoundException(from);
        }
        Node parent = nodes.get(to.parent().orElseThrow());
        if (parent == null || parent.type() != ItemType.FOLDER) {
            throw new ItemConflictException(to, "the destination's parent is missing or a file");
        }
        boolean exists = nodes.containsKey(to);
        if (exists && !overwrite) {
            throw new DestinationExistsException(to);
        }
        boolean move = operation.equals("move");
        List<Node> tree = nodes.values().stream()
                .filter(n -> n.item().path().startsWith(from))
                .toList();
        nodes.keySet().removeIf(p -> p.startsWith(to) || (move && p.startsWith(from)));
        for (Node n : tree) {
            StoredItem old = n.item();
            ItemPath path = to.resolve(old.path().relativeTo(from));
            StoredItem item = move
                    ? new StoredItem(path, old.type(), old.size(), old.modifiedAt(), old.etag())
                    : new StoredItem(
                            path, old.type(), old.size(), clock.instant(), (old.isFolder() ? "d" : "v") + (++versions));
            nodes.put(path, new Node(n.type(), n.content(), item));
        }
        return new TransferResult(nodes.get(to).item(), !exists);
    }

    private void makeParents(ItemPath folder) throws ItemConflictException {
        List<ItemPath> chain = new ArrayList<>();
        for (Optional<ItemPath> p = Optional.of(folder);
                p.isPresent();
                p = p.get().parent()) {
            chain.add(0, p.get());
        }
        for (ItemPath p : chain) {
            Node n = nodes.get(p);
            if (n == null) {
                nodes.put(p, folderNode(p));
            } else if (n.type() == ItemType.FILE) {
                throw new ItemConflictException(p, "a parent is a file");
            }
        }
    }

    private Node folderNode(ItemPath p) {
        return new Node(
                ItemType.FOLDER,
                new byte[0],
                new StoredItem(p, ItemType.FOLDER, 0, clock.instant(), "d" + (++versions)));
    }

    private void check(Op op) throws StorageException {
        StorageException f = failures.get(op);
        if (f != null) {
            throw f;
        }
    }
}
