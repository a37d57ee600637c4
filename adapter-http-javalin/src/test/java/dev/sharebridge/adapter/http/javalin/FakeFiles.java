package dev.sharebridge.adapter.http.javalin;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PreconditionFailedException;
import dev.sharebridge.application.port.in.file.FileUseCases;
import dev.sharebridge.application.port.in.file.FolderListing;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.StorageRejectedException;
import dev.sharebridge.domain.storage.TransferPaths;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import dev.sharebridge.domain.user.UserId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A small file space per user; metadata in memory, bytes in temp files so big bodies never sit on the heap. */
final class FakeFiles implements FileUseCases {
    static final Instant MODIFIED = Instant.parse("2026-11-30T08:15:30.123Z");
    private final Path dir;
    private final Map<String, Map<ItemPath, Node>> spaces = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    volatile RuntimeException failNext;
    /** What {@link #countSharesBelow} answers, keyed {@code user + ":" + path}; 0 when absent. */
    final Map<String, Integer> shareCounts = new ConcurrentHashMap<>();

    record Node(ItemType type, Path file, long size, String etag) {}

    FakeFiles(Path dir) {
        this.dir = dir;
    }

    private Map<ItemPath, Node> space(UserId user) {
        return spaces.computeIfAbsent(user.value(), u -> {
            Map<ItemPath, Node> m = new ConcurrentHashMap<>();
            m.put(ItemPath.root(), new Node(ItemType.FOLDER, null, 0, "root"));
            return m;
        });
    }

    private StoredItem item(ItemPath p, Node n) {
        return new StoredItem(p, n.type(), n.size(), MODIFIED, n.etag());
    }

    @Override
    public StoredItem stat(UserId user, ItemPath path) throws NotFoundException {
        RuntimeException f = failNext;
        if (f != null) {
            failNext = null;
            throw f;
        }
        Node n = space(user).get(path);
        if (n == null) {
            throw new NotFoundException("no such item");
        }
        return item(path, n);
    }

    @Override
    public ItemContent read(UserId user, ItemPath path, Optional<ByteRange> range) throws NotFoundException {
        Node n = space(user).get(path);
        if (n == null || n.type() == ItemType.FOLDER) {
            throw new NotFoundException("no such file");
        }
        try {
            FileChannel ch = FileChannel.open(n.file(), StandardOpenOption.READ);
            InputStream in = Channels.newInputStream(ch);
            if (range.isPresent()) {
                ch.position(range.get().first());
                in = new BoundedStream(in, range.get().length());
            }
            return new ItemContent(item(path, n), range, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public WriteResult upload(UserId user, ItemPath path, InputStream content, java.util.OptionalLong length)
            throws ConflictException {
        Map<ItemPath, Node> space = space(user);
        Node old = space.get(path);
        if (old != null && old.type() == ItemType.FOLDER) {
            throw new ConflictException("a folder is in the way");
        }
        makeParents(space, path);
        Path file = dir.resolve("f" + seq.incrementAndGet());
        long size;
        try (OutputStream out = Files.newOutputStream(file)) {
            size = content.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Node n = new Node(ItemType.FILE, file, size, "v" + seq.get());
        space.put(path, n);
        return new WriteResult(item(path, n), old == null);
    }

    private void makeParents(Map<ItemPath, Node> space, ItemPath path) {
        Optional<ItemPath> parent = path.parent();
        while (parent.isPresent() && !parent.get().isRoot()) {
            space.putIfAbsent(parent.get(), new Node(ItemType.FOLDER, null, 0, "d"));
            parent = parent.get().parent();
        }
    }

    @Override
    public boolean makeFolder(UserId user, ItemPath path) throws ConflictException {
        Map<ItemPath, Node> space = space(user);
        Node old = space.get(path);
        if (old != null) {
            if (old.type() == ItemType.FILE) {
                throw new ConflictException("a file is in the way");
            }
            return false;
        }
        makeParents(space, path);
        space.put(path, new Node(ItemType.FOLDER, null, 0, "d"));
        return true;
    }

    @Override
    public FolderListing list(UserId user, ItemPath folder) throws NotFoundException {
        Map<ItemPath, Node> space = space(user);
        Node n = space.get(folder);
        if (n == null || n.type() != ItemType.FOLDER) {
            throw new NotFoundException("no such folder");
        }
        List<StoredItem> children = new ArrayList<>();
        space.forEach((p, c) -> {
            if (p.parent().filter(folder::equals).isPresent()) {
                children.add(item(p, c));
            }
        });
        children.sort((a, b) -> a.name().compareTo(b.name()));
        return new FolderListing(item(folder, n), children);
    }

    @Override
    public int delete(UserId user, ItemPath path) throws NotFoundException {
        Map<ItemPath, Node> space = space(user);
        if (path.isRoot() || space.get(path) == null) {
            throw new NotFoundException("no such item");
        }
        space.keySet().removeIf(p -> p.startsWith(path));
        return 0;
    }

    @Override
    public TransferResult move(UserId user, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, ConflictException, PreconditionFailedException {
        return transfer(user, from, to, overwrite, true);
    }

    @Override
    public TransferResult copy(UserId user, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, ConflictException, PreconditionFailedException {
        return transfer(user, from, to, overwrite, false);
    }

    /** As the storage port says: no parents made, the destination replaced whole or refused. */
    private TransferResult transfer(UserId user, ItemPath from, ItemPath to, boolean overwrite, boolean move)
            throws NotFoundException, ConflictException, PreconditionFailedException {
        try {
            TransferPaths.check(move ? "move" : "copy", from, to, overwrite);
        } catch (StorageRejectedException e) {
            throw InvalidValueException.withMessage(Field.PATH, e.getMessage());
        }
        Map<ItemPath, Node> space = space(user);
        if (space.get(from) == null) {
            throw new NotFoundException("no such item");
        }
        Node parent = space.get(to.parent().orElse(ItemPath.root()));
        if (parent == null || parent.type() != ItemType.FOLDER) {
            throw new ConflictException("no folder to hold it");
        }
        boolean existed = space.containsKey(to);
        if (existed && !overwrite) {
            throw new PreconditionFailedException("an item is already there");
        }
        space.keySet().removeIf(p -> p.startsWith(to));
        Map<ItemPath, Node> moved = new java.util.HashMap<>();
        space.forEach((p, n) -> {
            if (p.startsWith(from)) {
                moved.put(
                        to.resolve(p.relativeTo(from)),
                        move ? n : new Node(n.type(), n.file(), n.size(), "c" + seq.incrementAndGet()));
            }
        });
        if (move) {
            space.keySet().removeIf(p -> p.startsWith(from));
        }
        space.putAll(moved);
        return new TransferResult(item(to, space.get(to)), !existed);
    }

    @Override
    public int countSharesBelow(UserId user, ItemPath path) {
        return shareCounts.getOrDefault(user.value() + ":" + path, 0);
    }

    /** Stops after {@code remaining} bytes. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
