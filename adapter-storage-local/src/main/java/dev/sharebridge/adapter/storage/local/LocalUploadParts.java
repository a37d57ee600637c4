package dev.sharebridge.adapter.storage.local;

import dev.sharebridge.application.port.out.upload.UploadParts;
import dev.sharebridge.domain.upload.UploadId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link UploadParts} in one local directory ({@code [uploads] directory}, by default
 * {@code <data_dir>/uploads}): one file {@code <id>.part} per upload, outside every storage root,
 * so a partial upload is never visible under any name a user sees. A writer holds an exclusive
 * lock on the file ({@link FileChannel#tryLock}, which is a POSIX lock: it also keeps out the
 * writers of other processes, on other hosts too where a shared file system honours such locks,
 * as NFSv4 does). Every append is synced ({@link FileChannel#force}) before it returns.
 */
public final class LocalUploadParts implements UploadParts {
    private static final String SUFFIX = ".part";
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path directory;

    public LocalUploadParts(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
    }

    private Path file(UploadId id) {
        return directory.resolve(id.value() + SUFFIX);
    }

    @Override
    public void create(UploadId id) throws IOException {
        try {
            Files.createDirectories(directory);
            Files.newByteChannel(file(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                    .close();
        } catch (IOException e) {
            throw classified(e);
        }
    }

    @Override
    public Writer open(UploadId id) throws IOException {
        FileChannel channel = FileChannel.open(file(id), StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new BusyException("another process writes upload " + id);
            }
            return new LocalWriter(channel);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new BusyException("another request writes upload " + id);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void delete(UploadId id) throws IOException {
        Files.deleteIfExists(file(id));
    }

    @Override
    public List<UploadId> stored() throws IOException {
        List<UploadId> ids = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return ids;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                UploadId.parse(name.substring(0, name.length() - SUFFIX.length()))
                        .ifPresent(ids::add);
            }
        }
        return ids;
    }

    /** The directory, for the start-up log. */
    public Path directory() {
        return directory;
    }

    private static final class LocalWriter implements Writer {
        private final FileChannel channel;

        LocalWriter(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public Appended append(long from, InputStream body, long max) throws IOException {
            long size = channel.size();
            if (size < from) {
                throw new IOException(
                        "the partial file has " + size + " bytes, fewer than the " + from + " acknowledged");
            }
            if (size > from) {
                channel.truncate(from); // bytes never acknowledged: a chunk cut short by a crash, or a bad checksum
            }
            channel.position(from);
            byte[] buffer = new byte[BUFFER_SIZE];
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            long left = max;
            Optional<IOException> bodyFailure = Optional.empty();
            try {
                while (left > 0) {
                    int n;
                    try {
                        n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
                    } catch (IOException e) {
                        bodyFailure = Optional.of(e);
                        break;
                    }
                    if (n < 0) {
                        break;
                    }
                    wrapped.clear().limit(n);
                    while (wrapped.hasRemaining()) {
                        channel.write(wrapped);
                    }
                    left -= n;
                }
            } catch (IOException e) {
                try {
                    channel.force(true);
                } catch (IOException ignored) {
                    e.addSuppressed(ignored);
                }
                throw classified(e);
            }
            try {
                channel.force(true);
            } catch (IOException e) {
                throw classified(e);
            }
            return new Appended(channel.size(), bodyFailure);
        }

        @Override
        public InputStream read() throws IOException {
            channel.position(0);
            // the stream must not close the channel: it holds the lock until the writer is closed
            InputStream in = Channels.newInputStream(channel);
            return new java.io.FilterInputStream(in) {
                @Override
                public void close() {
                    // the writer closes the channel
                }
            };
        }

        @Override
        public void close() throws IOException {
            channel.close(); // releases the lock
        }
    }

    /** A full disk or quota (ENOSPC, EDQUOT) as {@link FullException}; anything else as it is. */
    private static IOException classified(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("no space left") || message.contains("quota exceeded")) {
            return new FullException("the disk of the partial uploads is full", e);
        }
        return e;
    }
}
