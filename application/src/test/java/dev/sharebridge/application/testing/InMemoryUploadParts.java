package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.upload.UploadParts;
import dev.sharebridge.domain.upload.UploadId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link UploadParts} in memory, for tests of the services: the same rules as the local directory. */
public final class InMemoryUploadParts implements UploadParts {
    private final Map<UploadId, byte[]> files = new ConcurrentHashMap<>();
    private final Set<UploadId> locked = ConcurrentHashMap.newKeySet();

    @Override
    public void create(UploadId id) throws IOException {
        if (files.putIfAbsent(id, new byte[0]) != null) {
            throw new IOException("exists");
        }
    }

    @Override
    public Writer open(UploadId id) throws IOException {
        if (!files.containsKey(id)) {
            throw new NoSuchFileException(id.value());
        }
        if (!locked.add(id)) {
            throw new BusyException("busy");
        }
        return new Writer() {
            @Override
            public Appended append(long from, InputStream body, long max) throws IOException {
                byte[] now = files.get(id);
                if (now == null || now.length < from) {
                    throw new IOException("shorter than acknowledged");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(now, 0, (int) from);
                Optional<IOException> failure = Optional.empty();
                byte[] buffer = new byte[8192];
                long left = max;
                while (left > 0) {
                    int n;
                    try {
                        n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
                    } catch (IOException e) {
                        failure = Optional.of(e);
                        break;
                    }
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
                files.put(id, out.toByteArray());
                return new Appended(out.size(), failure);
            }

            @Override
            public InputStream read() {
                return new ByteArrayInputStream(files.getOrDefault(id, new byte[0]));
            }

            @Override
            public void close() {
                locked.remove(id);
            }
        };
    }

    @Override
    public void delete(UploadId id) {
        files.remove(id);
    }

    @Override
    public List<UploadId> stored() {
        return List.copyOf(files.keySet());
    }

    /** The bytes of an upload's partial file, if it has one. */
    public Optional<byte[]> bytes(UploadId id) {
        return Optional.ofNullable(files.get(id));
    }
}
