package dev.sharebridge.adapter.storage.local;

import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.DestinationExistsException;
import dev.sharebridge.domain.storage.ItemConflictException;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.ItemNotFoundException;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageFullException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.storage.StorageRejectedException;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import dev.sharebridge.domain.storage.TransferPaths;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default {@link StorageProvider}: items are files and folders below one local
 * directory.
 *
 * <p>Symbolic links inside the directory are never followed: every path is resolved one segment
 * at a time without following links, a path through or onto a link is treated as absent (reads,
 * stat, delete) or refused with {@link StorageRejectedException} (write, makeFolder), and listings
 * leave links out. Only regular files and directories are visible. Writes stream into a hidden
 * temporary file next to the target, locked while it is written, which is synced and then
 * atomically renamed over it; {@link #removeInterruptedUploads} deletes those a crash left. A
 * full disk or quota (ENOSPC, EDQUOT) is {@link StorageFullException}.
 * {@code delete(root)} throws {@link StorageRejectedException}.
 *
 * <p>A move is one atomic rename when source and destination are on the same file system (always,
 * unless another file system is mounted below the root; then it is a copy followed by deleting
 * the source, and a crash in between leaves both). A copy is made under a hidden temporary name
 * next to the destination (a folder's visible tree, one file at a time, each synced; links and
 * special files are left out) and renamed into place when complete, so readers never see a part
 * of it. Replacing a file by a file is one atomic rename. Replacing where a folder is involved
 * takes two renames: the old destination is first renamed to a hidden temporary name, the new
 * item renamed into place, and the old one deleted; when the second rename fails, the first is
 * undone. A crash between the two renames (a window of two system calls) leaves nothing at the
 * destination: the old item is still there under its hidden name in the destination's folder, and
 * the source of a move is still at its place (a copy's finished tree is under a hidden name
 * too). A crash during a folder copy or the deletion of a replaced folder leaves a hidden folder.
 * {@link #removeInterruptedUploads} deletes only hidden files, never such folders: an operator
 * may rename them back or delete them while no instance runs. Whether the destination is free is
 * checked once at the start; an item created there by someone else in the instant before the
 * rename may be replaced.
 *
 * <p>The JVM must run with a UTF-8 file-name encoding ({@code sun.jnu.encoding}, i.e. a UTF-8
 * locale on Linux); names the platform cannot encode are refused with
 * {@link StorageRejectedException}.
 */
public final class LocalStorageProvider implements StorageProvider {

    /** Prefix of in-progress uploads; such names are hidden and reserved. */
    static final String TEMP_PREFIX = ".sharebridge-upload-";

    static final String TEMP_SUFFIX = ".tmp";
    /** Below this much usable space a failed write is taken for a full disk, whatever the error said. */
    private static final long NEARLY_FULL_BYTES = 64 * 1024;

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /**
     * The last modification time given to a written file, in microseconds. Each write gets a
     * strictly later time, so that two versions of one file never share size, time and (reused)
     * inode number, and therefore never share an ETag.
     */
    private static final AtomicLong LAST_WRITE_MICROS = new AtomicLong();

    private final Path root;

    /**
     * A provider over {@code root}, which is created (with its parents) when missing. The root
     * itself may be reached through links configured by the operator; it is resolved once here.
     *
     * @throws IllegalArgumentException when {@code root} exists but is not a directory
     * @throws UncheckedIOException when the directory cannot be created or resolved
     */
    public LocalStorageProvider(Path root) {
        try {
            Path absolute = root.toAbsolutePath();
            if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
                throw new IllegalArgumentException("storage root is not a directory: " + absolute);
            }
            Files.createDirectories(absolute);
            this.root = absolute.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or open the storage root " + root, e);
        }
    }

    /**
     * Deletes what uploads interrupted by a crash left behind: the hidden temporary files of
     * writes that never finished (a process killed during an upload cannot delete its own). A
     * write holds a lock on its temporary file until it is renamed or deleted, and locks end with
     * the process that held them, so files another running process (or instance on a shared
     * directory) is still writing are left alone. Meant for start-up, before this JVM writes
     * anything: within one JVM a lock does not protect a file from another channel of the same JVM.
     * Walks the whole tree without following links. Hidden folders a crashed copy or
     * replacement left (see the class comment) are not deleted.
     *
     * @return how many files were deleted
     * @throws UncheckedIOException when the root cannot be walked
     */
    public int removeInterruptedUploads() {
        int[] removed = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (attrs.isRegularFile()
                            && name.startsWith(TEMP_PREFIX)
                            && name.endsWith(TEMP_SUFFIX)
                            && deleteIfAbandoned(file)) {
                        removed[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // gone meanwhile, or not ours to read
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for interrupted uploads in the storage root", e);
        }
        return removed[0]; // hidden files: no stat result kept could have shown them
    }

    /** Deletes a temporary upload file unless a writer still holds its lock. */
    private static boolean deleteIfAbandoned(Path temp) {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return false; // a write in another process is still going on
            }
            // deleted while locked: a writer that created it just now sees it gone once it has the lock
            return Files.deleteIfExists(temp);
        } catch (OverlappingFileLockException e) {
            return false; // a write in this JVM
        } catch (IOException e) {
            return false; // gone meanwhile, or cannot be opened: not ours to judge
        }
    }

    /**
     * Locks a freshly created temporary file for the length of the write, so that
     * {@link #removeInterruptedUploads} in another process leaves it alone; if such a clean-up
     * deleted it between its creation and the lock, the write cannot go on.
     *
     * @return null on a file system without locks (NFS without a lock manager): a clean-up cannot
     *         lock there either and then deletes nothing
     */
    private static @Nullable FileLock lockOwnTemp(FileChannel out, Path temp)
            throws IOException, StorageUnavailableException {
        FileLock lock;
        try {
            lock = out.lock();
        } catch (IOException noLocks) {
            return null;
        }
        if (!Files.exists(temp, NO_FOLLOW)) {
            lock.close();
            throw new StorageUnavailableException("the temporary file of an upload was removed by a clean-up", null);
        }
        return lock;
    }

    // ---- StorageProvider -------------------------------------------------------------------

    @Override
    public Optional<StoredItem> stat(ItemPath path) throws StorageException {
        try {
            Lookup found = lookup(path);
            return found.isVisible() ? Optional.of(found.toItem(path)) : Optional.empty();
        } catch (IOException | InvalidPathException e) {
            throw failure("stat", path, e);
        }
    }

    @Override
    public List<StoredItem> list(ItemPath folder) throws StorageException {
        try {
            Lookup found = lookup(folder);
            if (found.kind != Kind.FOLDER) {
                throw new ItemNotFoundException(folder);
            }
            List<StoredItem> children = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(found.file)) {
                for (Path entry : entries) {
                    child(folder, entry).ifPresent(children::add);
                }
            }
            children.sort(Comparator.comparing(StoredItem::name));
            return List.copyOf(children);
        } catch (NotDirectoryException | NoSuchFileException e) {
            throw new ItemNotFoundException(folder);
        } catch (IOException | InvalidPathException e) {
            throw failure("list", folder, e);
        }
    }

    /** As {@link #list}, read from the directory while the stream is consumed: memory stays flat. */
    @Override
    public Stream<StoredItem> children(ItemPath folder) throws StorageException {
        DirectoryStream<Path> entries;
        try {
            Lookup found = lookup(folder);
            if (found.kind != Kind.FOLDER) {
                throw new ItemNotFoundException(folder);
            }
            entries = Files.newDirectoryStream(found.file);
        } catch (NotDirectoryException | NoSuchFileException e) {
            throw new ItemNotFoundException(folder);
        } catch (IOException | InvalidPathException e) {
            throw failure("list", folder, e);
        }
        return StreamSupport.stream(entries.spliterator(), false)
                .flatMap(entry -> {
                    try {
                        return child(folder, entry).stream();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .onClose(() -> {
                    try {
                        entries.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @Override
    public ItemContent read(ItemPath file, Optional<ByteRange> range) throws StorageException {
        try {
            // a replacement between reading the attributes and opening would pair old metadata
            // with new bytes; retry until both describe the same file
            for (int attempt = 0; attempt < 3; attempt++) {
                Lookup found = lookup(file);
                if (found.kind != Kind.FILE) {
                    throw new ItemNotFoundException(file);
                }
                SeekableByteChannel channel =
                        Files.newByteChannel(found.file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                try {
                    Lookup again = lookup(file);
                    if (again.kind != Kind.FILE
                            || !again.sameVersionAs(found)
                            || channel.size() != found.attrs.size()) {
                        channel.close();
                        continue;
                    }
                    StoredItem item = found.toItem(file);
                    long start = 0;
                    long length = item.size();
                    if (range.isPresent()) {
                        ByteRange r = range.get();
                        if (r.last() >= item.size()) {
                            throw new StorageRejectedException("the requested range is outside the file");
                        }
                        start = r.first();
                        length = r.length();
                    }
                    channel.position(start);
                    return new ItemContent(item, range, new BoundedChannelInputStream(channel, length));
                } catch (IOException | RuntimeException | StorageException e) {
                    channel.close();
                    throw e;
                }
            }
            throw new StorageUnavailableException("file " + file + " kept changing while being opened", null);
        } catch (NoSuchFileException e) {
            throw new ItemNotFoundException(file);
        } catch (IOException | InvalidPathException e) {
            throw failure("read", file, e);
        }
    }

    @Override
    public WriteResult write(ItemPath file, InputStream content) throws StorageException {
        return writeNow(file, content);
    }

    private WriteResult writeNow(ItemPath file, InputStream content) throws StorageException {
        if (file.isRoot()) {
            throw new ItemConflictException(file, "the root is a folder");
        }
        checkNotReserved(file);
        Path temp = null;
        try {
            Path parent = ensureFolders(file, file.depth() - 1);
            Path target = parent.resolve(file.name());
            Lookup existing = lookupChild(target);
            switch (existing.kind) {
                case FOLDER -> throw new ItemConflictException(file, "a folder is in the way");
                case HIDDEN -> throw rejectedLink(file);
                default -> {}
            }
            temp = parent.resolve(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
            // CREATE_NEW is O_CREAT|O_EXCL: it neither follows nor reuses anything already there
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    FileLock inUse = lockOwnTemp(out, temp)) {
                copy(content, out);
                Files.getFileAttributeView(temp, BasicFileAttributeView.class, NO_FOLLOW)
                        .setTimes(nextWriteTime(), null, null);
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new StorageUnavailableException("the storage cannot replace files atomically", e);
            } catch (FileSystemException e) {
                // the target became a folder (or the like) while we were uploading
                if (lookupChild(target).kind == Kind.FOLDER || e instanceof DirectoryNotEmptyException) {
                    throw new ItemConflictException(file, "a folder is in the way");
                }
                throw e;
            }
            temp = null;
            syncDirectory(parent);
            Lookup written = lookupChild(target);
            if (written.kind != Kind.FILE) {
                throw new StorageUnavailableException("file " + file + " vanished right after it was written", null);
            }
            return new WriteResult(written.toItem(file), existing.kind == Kind.MISSING);
        } catch (IOException | InvalidPathException e) {
            throw failure("write", file, e, true);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    @Override
    public boolean makeFolder(ItemPath folder) throws StorageException {
        return makeFolderNow(folder);
    }

    private boolean makeFolderNow(ItemPath folder) throws StorageException {
        if (folder.isRoot()) {
            return false;
        }
        checkNotReserved(folder);
        try {
            Path parent = ensureFolders(folder, folder.depth() - 1);
            Path target = parent.resolve(folder.name());
            return createFolder(folder, target);
        } catch (IOException | InvalidPathException e) {
            throw failure("make folder", folder, e, true);
        }
    }

    @Override
    public boolean delete(ItemPath path) throws StorageException {
        return deleteNow(path);
    }

    private boolean deleteNow(ItemPath path) throws StorageException {
        if (path.isRoot()) {
            throw new StorageRejectedException("the root folder cannot be deleted");
        }
        try {
            Lookup found = lookup(path);
            switch (found.kind) {
                case FILE -> {
                    return Files.deleteIfExists(found.file);
                }
                case FOLDER -> {
                    deleteTree(found.file);
                    return true;
                }
                default -> {
                    return false;
                }
            }
        } catch (IOException | InvalidPathException e) {
            throw failure("delete", path, e);
        }
    }

    @Override
    public TransferResult move(ItemPath from, ItemPath to, boolean overwrite) throws StorageException {
        TransferPaths.check("move", from, to, overwrite);
        checkNotReserved(to);
        try {
            Ends ends = ends(from, to, overwrite);
            try {
                place(ends.source.file, ends);
            } catch (AtomicMoveNotSupportedException otherFileSystem) {
                // another file system is mounted below the root: copy over, then delete the source
                copyAndPlace(ends);
                deleteTree(ends.source.file);
            }
            syncDirectory(ends.source.file.getParent());
            return placed(ends, to);
        } catch (IOException | InvalidPathException e) {
            throw failure("move", from, e, true);
        }
    }

    @Override
    public TransferResult copy(ItemPath from, ItemPath to, boolean overwrite) throws StorageException {
        TransferPaths.check("copy", from, to, overwrite);
        checkNotReserved(to);
        try {
            Ends ends = ends(from, to, overwrite);
            copyAndPlace(ends);
            return placed(ends, to);
        } catch (IOException | InvalidPathException e) {
            throw failure("copy", from, e, true);
        }
    }

    /** The two ends of a move or copy, checked: a visible source, a folder to put it in, what is there now. */
    private record Ends(Lookup source, Path parent, Path target, Lookup existing) {}

    private Ends ends(ItemPath from, ItemPath to, boolean overwrite) throws IOException, StorageException {
        Lookup source = lookup(from);
        if (!source.isVisible()) {
            throw new ItemNotFoundException(from);
        }
        Lookup parent = lookup(to.parent().orElseThrow());
        switch (parent.kind) {
            case FOLDER -> {}
            case HIDDEN -> throw rejectedLink(to);
            default -> throw new ItemConflictException(to, "the destination's folder is missing or a file");
        }
        Path target = parent.file.resolve(to.name());
        Lookup existing = lookupChild(target);
        switch (existing.kind) {
            case HIDDEN -> throw rejectedLink(to);
            case FILE, FOLDER -> {
                if (!overwrite) {
                    throw new DestinationExistsException(to);
                }
            }
            default -> {}
        }
        return new Ends(source, parent.file, target, existing);
    }

    /**
     * Renames {@code item} (the source of a move, or a finished copy next to the target) to the
     * target, replacing what is there as the class comment says.
     *
     * @throws AtomicMoveNotSupportedException when {@code item} is on another file system; the
     *         target is then as it was
     */
    private static void place(Path item, Ends ends) throws IOException {
        if (ends.existing.kind == Kind.MISSING || (ends.existing.kind == Kind.FILE && ends.source.kind == Kind.FILE)) {
            // rename(2): replaces a file atomically
            Files.move(item, ends.target, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Path aside = ends.parent.resolve(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
            Files.move(ends.target, aside, StandardCopyOption.ATOMIC_MOVE);
            try {
                Files.move(item, ends.target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                try {
                    Files.move(aside, ends.target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            }
            deleteTreeQuietly(aside);
        }
        syncDirectory(ends.parent);
    }

    /** Copies the source under a hidden name next to the target, then puts it there; nothing remains on failure. */
    private void copyAndPlace(Ends ends) throws IOException, StorageException {
        Path staged = ends.parent.resolve(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
        boolean done = false;
        try {
            if (ends.source.kind == Kind.FILE) {
                copyFile(ends.source.file, staged, true);
            } else {
                Files.createDirectory(staged);
                copyTree(ends.source.file, staged);
            }
            place(staged, ends);
            done = true;
        } finally {
            if (!done) {
                deleteTreeQuietly(staged);
            }
        }
    }

    /** The visible tree of {@code from} into the new, empty folder {@code into}. */
    private static void copyTree(Path from, Path into) throws IOException, StorageException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(from)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!isAddressable(name)) {
                    continue;
                }
                Lookup found = lookupChild(entry);
                Path copy = into.resolve(name);
                switch (found.kind) {
                    case FILE -> copyFile(entry, copy, false);
                    case FOLDER -> {
                        Files.createDirectory(copy);
                        copyTree(entry, copy);
                    }
                    default -> {} // links and special files are never followed nor copied
                }
            }
        }
        syncDirectory(into);
    }

    /**
     * One file's bytes into a new file with a new write time, synced (so a copy never shares an
     * ETag with the file it replaces); {@code hidden} for a temporary name, locked like an upload.
     */
    private static void copyFile(Path from, Path to, boolean hidden) throws IOException, StorageException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                FileLock inUse = hidden ? lockOwnTemp(out, to) : null) {
            long size = in.size();
            long done = 0;
            while (done < size) {
                long n = in.transferTo(done, size - done, out);
                if (n <= 0) {
                    break; // the source was cut shorter meanwhile
                }
                done += n;
            }
            Files.getFileAttributeView(to, BasicFileAttributeView.class, NO_FOLLOW)
                    .setTimes(nextWriteTime(), null, null);
            out.force(true);
        }
    }

    /** The result of a move or copy: the item now at the target. */
    private static TransferResult placed(Ends ends, ItemPath to) throws IOException, StorageUnavailableException {
        Lookup now = lookupChild(ends.target);
        if (!now.isVisible()) {
            throw new StorageUnavailableException("item " + to + " vanished right after it was put there", null);
        }
        return new TransferResult(now.toItem(to), ends.existing.kind == Kind.MISSING);
    }

    // ---- resolution ------------------------------------------------------------------------

    /** What a path leads to; HIDDEN covers links, special files and reserved names. */
    private enum Kind {
        MISSING,
        FILE,
        FOLDER,
        HIDDEN,
        BLOCKED_BY_FILE
    }

    private record Lookup(Kind kind, Path file, BasicFileAttributes attrs) {
        boolean isVisible() {
            return kind == Kind.FILE || kind == Kind.FOLDER;
        }

        boolean sameVersionAs(Lookup other) {
            return attrs.size() == other.attrs.size()
                    && attrs.lastModifiedTime().equals(other.attrs.lastModifiedTime())
                    && java.util.Objects.equals(attrs.fileKey(), other.attrs.fileKey());
        }

        StoredItem toItem(ItemPath path) {
            boolean folder = kind == Kind.FOLDER;
            return new StoredItem(
                    path,
                    folder ? ItemType.FOLDER : ItemType.FILE,
                    folder ? 0 : attrs.size(),
                    attrs.lastModifiedTime().toInstant(),
                    etag(attrs));
        }
    }

    /** Walks {@code path} from the root one segment at a time, never following a link. */
    private Lookup lookup(ItemPath path) throws IOException, StorageUnavailableException {
        List<String> segments = path.segments();
        if (segments.isEmpty()) {
            return new Lookup(Kind.FOLDER, root, rootAttributes());
        }
        Lookup at = firstLevel(segments.get(0));
        for (String segment : segments.subList(1, segments.size())) {
            if (!at.isVisible()) {
                return at;
            }
            if (!at.attrs.isDirectory()) {
                return new Lookup(Kind.BLOCKED_BY_FILE, at.file, at.attrs);
            }
            at = lookupChild(at.file.resolve(segment));
        }
        return at;
    }

    /**
     * The first level below the root. The root itself is only looked at when that level is not
     * there: a missing or unusable root then means "storage unavailable", not "no such item". One
     * stat fewer on every successful lookup, the public open's among them.
     */
    private Lookup firstLevel(String segment) throws IOException, StorageUnavailableException {
        Lookup first;
        try {
            first = lookupChild(root.resolve(segment));
        } catch (IOException e) {
            rootAttributes();
            throw e;
        }
        if (!first.isVisible()) {
            rootAttributes();
        }
        return first;
    }

    /** Classifies one entry without following it. */
    private static Lookup lookupChild(Path entry) throws IOException {
        if (entry.getFileName().toString().startsWith(TEMP_PREFIX)) {
            return new Lookup(Kind.HIDDEN, entry, null);
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(entry, BasicFileAttributes.class, NO_FOLLOW);
        } catch (NoSuchFileException e) {
            return new Lookup(Kind.MISSING, entry, null);
        }
        if (attrs.isDirectory()) {
            return new Lookup(Kind.FOLDER, entry, attrs);
        }
        if (attrs.isRegularFile()) {
            return new Lookup(Kind.FILE, entry, attrs);
        }
        return new Lookup(Kind.HIDDEN, entry, attrs);
    }

    private BasicFileAttributes rootAttributes() throws IOException, StorageUnavailableException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(root, BasicFileAttributes.class, NO_FOLLOW);
            if (attrs.isDirectory()) {
                return attrs;
            }
        } catch (NoSuchFileException e) {
            throw new StorageUnavailableException("the storage root folder is missing", e);
        }
        throw new StorageUnavailableException("the storage root is not a folder", null);
    }

    /** A listing entry as an item; empty for anything a path could not address or we hide. */
    private static Optional<StoredItem> child(ItemPath folder, Path entry) throws IOException {
        String name = entry.getFileName().toString();
        if (!isAddressable(name)) {
            return Optional.empty();
        }
        Lookup found = lookupChild(entry);
        return found.isVisible() ? Optional.of(found.toItem(folder.resolve(name))) : Optional.empty();
    }

    /** Whether an ItemPath segment can name this entry: a valid segment, already NFC. */
    private static boolean isAddressable(String name) {
        try {
            return ItemPath.checkSegment(name).equals(name); // not NFC: an ItemPath could never reach it
        } catch (InvalidValueException e) {
            return false;
        }
    }

    /** Makes sure the first {@code count} segments of {@code path} are folders; returns the last. */
    private Path ensureFolders(ItemPath path, int count) throws IOException, StorageException {
        Path current = root;
        rootAttributes();
        List<String> segments = path.segments();
        for (int i = 0; i < count; i++) {
            Path next = current.resolve(segments.get(i));
            createFolder(ItemPath.of(segments.subList(0, i + 1)), next);
            current = next;
        }
        return current;
    }

    /** Creates one folder whose parent is known to be a real folder; false when it existed. */
    private static boolean createFolder(ItemPath path, Path target) throws IOException, StorageException {
        for (int attempt = 0; attempt < 3; attempt++) {
            Lookup found = lookupChild(target);
            switch (found.kind) {
                case FOLDER -> {
                    return false;
                }
                case FILE -> throw new ItemConflictException(path, "a file is in the way");
                case HIDDEN -> throw rejectedLink(path);
                default -> {}
            }
            try {
                Files.createDirectory(target);
                return true;
            } catch (FileAlreadyExistsException e) {
                // someone made it concurrently: classify again
            }
        }
        throw new StorageUnavailableException("folder " + path + " kept changing while being created", null);
    }

    private static void checkNotReserved(ItemPath path) throws StorageRejectedException {
        for (String segment : path.segments()) {
            if (segment.startsWith(TEMP_PREFIX)) {
                throw new StorageRejectedException("names starting with '" + TEMP_PREFIX + "' are reserved");
            }
        }
    }

    private static StorageRejectedException rejectedLink(ItemPath path) {
        return new StorageRejectedException(
                "the storage cannot use the item at " + path + " (a link or special file is in the way)");
    }

    // ---- writing ---------------------------------------------------------------------------

    private static void copy(InputStream in, FileChannel out) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        int n;
        while ((n = in.read(buffer)) != -1) {
            wrapped.clear().limit(n);
            while (wrapped.hasRemaining()) {
                out.write(wrapped);
            }
        }
    }

    private static FileTime nextWriteTime() {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        long micros = LAST_WRITE_MICROS.updateAndGet(last -> Math.max(now, last + 1));
        return FileTime.from(micros, TimeUnit.MICROSECONDS);
    }

    /** Makes the rename durable; not every platform can open a directory, which is fine. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort only: the file's own content is already synced
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // the original failure matters more; a stale temp file stays hidden from listings
        }
    }

    private static void deleteTreeQuietly(Path path) {
        try {
            deleteTree(path);
        } catch (IOException e) {
            // what is left has a hidden name: never listed, never reachable by a path
        }
    }

    /** Deletes a tree (or one file) without following links: a link is removed, never its target. */
    private static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    // ---- metadata and errors ---------------------------------------------------------------

    /**
     * Size, modification time and file identity: unchanged while the file is, and different for
     * each replacement because every write makes a new file with a strictly later time.
     */
    private static String etag(BasicFileAttributes attrs) {
        Instant modified = attrs.lastModifiedTime().toInstant();
        String key = attrs.fileKey() == null
                ? ""
                : Integer.toHexString(attrs.fileKey().hashCode());
        return Long.toHexString(attrs.size()) + "-" + Long.toHexString(modified.getEpochSecond()) + "."
                + Integer.toHexString(modified.getNano()) + "-" + key;
    }

    /** Maps an unexpected I/O failure; the message names the item, never the host path. */
    private StorageException failure(String operation, ItemPath path, Exception e) {
        return failure(operation, path, e, false);
    }

    /** @param writing whether the operation takes space, so that next to no usable space explains its failure */
    private StorageException failure(String operation, ItemPath path, Exception e, boolean writing) {
        if (e instanceof InvalidPathException) {
            return new StorageRejectedException("the local storage cannot store the name " + path);
        }
        String reason = e instanceof FileSystemException fse && fse.getReason() != null
                ? fse.getReason()
                : e.getClass().getSimpleName();
        if (isOutOfSpace(e, writing)) {
            return new StorageFullException("local storage is full: could not " + operation + " " + path, e);
        }
        return new StorageUnavailableException("local storage could not " + operation + " " + path + ": " + reason, e);
    }

    /**
     * ENOSPC or EDQUOT. The JDK has no exception type for either and words them with the C
     * library's (possibly translated) message, so a failed write on a disk with next to no usable
     * space left counts too.
     */
    private boolean isOutOfSpace(Exception e, boolean writing) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null
                    && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        if (!writing) {
            return false;
        }
        try {
            return Files.getFileStore(root).getUsableSpace() < NEARLY_FULL_BYTES;
        } catch (IOException | RuntimeException notKnown) {
            return false;
        }
    }
}
