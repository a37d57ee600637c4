package dev.sharebridge.adapter.nextcloud;

import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.DestinationExistsException;
import dev.sharebridge.domain.storage.ItemConflictException;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.ItemNotFoundException;
import dev.sharebridge.domain.storage.PublicLinkCapability;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageFullException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.storage.StorageRejectedException;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import dev.sharebridge.domain.storage.TransferPaths;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StorageProvider} on one NextCloud account over WebDAV, with NextCloud's own
 * password-protected link shares as {@link PublicLinkCapability}.
 *
 * <p>The provider's root is {@code {url}/remote.php/dav/files/{username}/{directory}}. Built
 * against what NextCloud 34 really answers (see {@code docs/nextcloud.md}): MKCOL creates one level
 * only (201 created, 405 exists, 409 parent missing), DELETE is recursive, PUT answers 201 for a new
 * file and 204 for a replaced one. Thread-safe; one shared HTTP client; {@link #close()} releases it.
 *
 * <p>A move or copy is one WebDAV {@code MOVE} or {@code COPY} inside the configured directory,
 * done by NextCloud itself, then a PROPFIND of the result. NextCloud (Sabre) deletes a destination
 * it replaces before it moves or copies (into its trash bin), so a failure or crash in between
 * leaves nothing at the destination; a folder copy fills its tree in place, so readers may see it
 * while it grows; a copy that takes NextCloud longer than the read timeout fails here as
 * unavailable although NextCloud may still finish it.
 */
public final class NextcloudStorageProvider implements StorageProvider, PublicLinkCapability, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NextcloudStorageProvider.class);
    private static final MediaType XML = MediaType.get("application/xml; charset=utf-8");
    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
    static final String PROPFIND_BODY = "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\""
            + " xmlns:oc=\"http://owncloud.org/ns\" xmlns:nc=\"http://nextcloud.org/ns\"><d:prop><d:resourcetype/>"
            + "<d:getetag/><d:getlastmodified/><d:getcontentlength/><oc:fileid/><oc:permissions/><oc:size/>"
            + "<oc:share-types/></d:prop></d:propfind>";

    private final DavLocation location;
    private final Upstream upstream;
    private final OcsShares shares;
    /** A provider with its own HTTP client, configured from the settings. */
    public NextcloudStorageProvider(NextcloudSettings settings) {
        this(settings, NextcloudCallListener.NONE);
    }

    /** A provider with its own HTTP client that tells {@code listener} about every call to NextCloud. */
    public NextcloudStorageProvider(NextcloudSettings settings, NextcloudCallListener listener) {
        this(settings, Upstream.create(Objects.requireNonNull(settings, "settings"), listener));
    }

    /**
     * A provider on a caller's client (tests, applications with their own pool): the settings'
     * timeouts, the no-redirect rule and the host-scoped credentials are applied to a derived
     * client; {@link #close()} leaves the caller's client alone.
     */
    public NextcloudStorageProvider(NextcloudSettings settings, OkHttpClient client) {
        this(settings, client, NextcloudCallListener.NONE);
    }

    /** A provider on a caller's client (see above) that tells {@code listener} about every call. */
    public NextcloudStorageProvider(NextcloudSettings settings, OkHttpClient client, NextcloudCallListener listener) {
        this(
                settings,
                Upstream.create(
                        Objects.requireNonNull(settings, "settings"),
                        Objects.requireNonNull(client, "client"),
                        listener));
    }

    private NextcloudStorageProvider(NextcloudSettings settings, Upstream upstream) {
        this.location = new DavLocation(settings);
        this.upstream = upstream;
        this.shares = new OcsShares(location, upstream, this::exists);
    }

    // ---- StorageProvider -----------------------------------------------------------------------

    @Override
    public Optional<StoredItem> stat(ItemPath path) throws StorageException {
        Objects.requireNonNull(path, "path");
        return statNow(path);
    }

    private Optional<StoredItem> statNow(ItemPath path) throws StorageException {
        Optional<List<StoredItem>> found = propfind(path, "0");
        if (found.isEmpty()) {
            // The configured directory is made on first use; until then the root is an empty folder.
            return path.isRoot() ? Optional.of(emptyRoot()) : Optional.empty();
        }
        // propfind() made sure the answer describes the path asked for.
        return found.get().stream().filter(i -> i.path().equals(path)).findFirst();
    }

    @Override
    public List<StoredItem> list(ItemPath folder) throws StorageException {
        Objects.requireNonNull(folder, "folder");
        Optional<List<StoredItem>> found = propfind(folder, "1");
        if (found.isEmpty()) {
            if (folder.isRoot()) {
                return List.of();
            }
            throw new ItemNotFoundException(folder);
        }
        List<StoredItem> items = found.get();
        Optional<StoredItem> self =
                items.stream().filter(i -> i.path().equals(folder)).findFirst();
        if (self.isEmpty() || !self.get().isFolder()) {
            throw new ItemNotFoundException(folder);
        }
        List<StoredItem> children = new ArrayList<>();
        for (StoredItem item : items) {
            if (item.path().parent().filter(folder::equals).isPresent()) {
                children.add(item);
            }
        }
        children.sort(Comparator.comparing(StoredItem::name));
        return List.copyOf(children);
    }

    @Override
    public ItemContent read(ItemPath file, Optional<ByteRange> range) throws StorageException {
        Objects.requireNonNull(range, "range");
        StoredItem item =
                stat(file).filter(i -> i.type() == ItemType.FILE).orElseThrow(() -> new ItemNotFoundException(file));
        String operation = "GET " + file;
        Request.Builder request = new Request.Builder()
                .url(location.url(file))
                .get()
                // No transparent gzip: byte ranges must count the file's own bytes.
                .header("Accept-Encoding", "identity");
        range.ifPresent(r -> request.header("Range", "bytes=" + r.first() + "-" + r.last()));
        Response response = upstream.executeStreaming(request.build(), operation);
        boolean handedOut = false;
        try {
            int code = response.code();
            if (code == 404) {
                throw new ItemNotFoundException(file);
            }
            if (code == 416) {
                throw new StorageUnavailableException("the file changed while it was read: " + operation, null);
            }
            InputStream stream;
            if (code == 206 && range.isPresent()) {
                checkContentRange(response, range.get(), item, operation);
                stream = response.body().byteStream();
            } else if (code == 200) {
                long declared = response.body().contentLength();
                if (declared >= 0 && declared != item.size()) {
                    throw new StorageUnavailableException("the file changed while it was read: " + operation, null);
                }
                stream = response.body().byteStream();
                if (range.isPresent()) {
                    // A server that ignores Range sends the whole file: skip to the range ourselves.
                    try {
                        stream.skipNBytes(range.get().first());
                    } catch (IOException e) {
                        throw Upstream.transportFailure(operation, e);
                    }
                }
            } else {
                throw Upstream.unexpected(response, operation);
            }
            long length = range.map(ByteRange::length).orElse(item.size());
            ItemContent content = new ItemContent(item, range, new ResponseStream(stream, response, length));
            handedOut = true;
            return content;
        } finally {
            if (!handedOut) {
                response.close();
            }
        }
    }

    @Override
    public WriteResult write(ItemPath file, InputStream content) throws StorageException {
        return writeNow(file, content);
    }

    private WriteResult writeNow(ItemPath file, InputStream content) throws StorageException {
        Objects.requireNonNull(content, "content");
        if (file.isRoot()) {
            throw new ItemConflictException(file, "the root is a folder");
        }
        makeFolders(file.parent().orElseThrow(), false);
        String operation = "PUT " + file;
        UploadBody body = new UploadBody(content);
        Request request =
                new Request.Builder().url(location.url(file)).put(body).build();
        boolean created;
        try (Response response = upstream.executeStreaming(request, operation)) {
            int code = response.code();
            if (code == 201) {
                created = true;
            } else if (code == 204 || code == 200) {
                created = false;
            } else if (code == 409 || code == 405) {
                throw new ItemConflictException(file, "a folder is there, or a parent is a file");
            } else {
                Optional<Multistatus.SabreError> error = davError(response, operation);
                if (code == 400 && isInvalidPath(error)) {
                    throw rejectedName(file);
                } else if (isFull(code, error)) {
                    throw full(file);
                } else if (code == 413) {
                    throw new StorageRejectedException("NextCloud refuses files this large (its upload size limit)");
                }
                throw Upstream.unexpected(response, operation);
            }
        } catch (StorageUnavailableException e) {
            if (body.sourceFailed()) {
                // The caller's stream broke: NextCloud got an incomplete chunked body and keeps nothing of it.
                throw new StorageUnavailableException(
                        "the upload of " + file + " was aborted: its content stream failed", body.sourceFailure());
            }
            throw e;
        }
        StoredItem item = stat(file)
                .filter(i -> i.type() == ItemType.FILE)
                .orElseThrow(() -> new StorageUnavailableException(
                        "NextCloud accepted " + operation + " but the file is not there", null));
        return new WriteResult(item, created);
    }

    @Override
    public boolean makeFolder(ItemPath folder) throws StorageException {
        return makeFolderNow(folder);
    }

    private boolean makeFolderNow(ItemPath folder) throws StorageException {
        return makeFolders(Objects.requireNonNull(folder, "folder"), true);
    }

    @Override
    public boolean delete(ItemPath path) throws StorageException {
        return deleteNow(path);
    }

    private boolean deleteNow(ItemPath path) throws StorageException {
        if (path.isRoot()) {
            throw new StorageRejectedException("the root folder cannot be deleted");
        }
        String operation = "DELETE " + path;
        Request request = new Request.Builder().url(location.url(path)).delete().build();
        try (Response response = upstream.execute(request, operation)) {
            int code = response.code();
            if (code == 204 || code == 200) {
                return true;
            }
            if (code == 404) {
                return false;
            }
            throw Upstream.unexpected(response, operation);
        }
    }

    @Override
    public TransferResult move(ItemPath from, ItemPath to, boolean overwrite) throws StorageException {
        return transfer("MOVE", from, to, overwrite);
    }

    @Override
    public TransferResult copy(ItemPath from, ItemPath to, boolean overwrite) throws StorageException {
        return transfer("COPY", from, to, overwrite);
    }

    /**
     * One MOVE or COPY with {@code Destination} (the absolute URL below the same root, encoded like
     * every other path) and {@code Overwrite}, no {@code Depth} (a whole tree). Sabre answers 201
     * created, 204 replaced, 404 no source, 409 the destination's parent is missing, 415 it is not
     * a folder, 412 the destination exists with {@code Overwrite: F}, 507 over the quota. The
     * destination is checked before the source, so a refusal of the destination costs one
     * PROPFIND more, to tell a missing source apart.
     */
    private TransferResult transfer(String method, ItemPath from, ItemPath to, boolean overwrite)
            throws StorageException {
        TransferPaths.check(method.toLowerCase(Locale.ROOT), from, to, overwrite);
        String operation = method + " " + from + " to " + to;
        Request request = new Request.Builder()
                .url(location.url(from))
                .header("Destination", location.url(to).toString())
                .header("Overwrite", overwrite ? "T" : "F")
                .method(method, null)
                .build();
        boolean created;
        try (Response response = upstream.execute(request, operation)) {
            int code = response.code();
            if (code == 201) {
                created = true;
            } else if (code == 204) {
                created = false;
            } else if (code == 404) {
                throw new ItemNotFoundException(from);
            } else if (code == 409 || code == 415 || code == 412) {
                // Sabre checks the destination before NextCloud looks at the source: the port says the source first
                if (!exists(from)) {
                    throw new ItemNotFoundException(from);
                }
                if (code == 412) {
                    throw new DestinationExistsException(to);
                }
                throw new ItemConflictException(to, "the destination's folder is missing or a file");
            } else {
                Optional<Multistatus.SabreError> error = davError(response, operation);
                if (code == 400 && isInvalidPath(error)) {
                    throw rejectedName(to);
                } else if (isFull(code, error)) {
                    throw full(to);
                }
                throw Upstream.unexpected(response, operation);
            }
        }
        StoredItem item = stat(to).orElseThrow(() -> new StorageUnavailableException(
                "NextCloud accepted " + operation + " but the item is not there", null));
        return new TransferResult(item, created);
    }

    @Override
    public Optional<PublicLinkCapability> publicLinks() {
        return Optional.of(this);
    }

    // ---- PublicLinkCapability ------------------------------------------------------------------

    @Override
    public PublicLink create(ItemPath folder, Access access, String password, Optional<LocalDate> expiresOn)
            throws StorageException {
        return shares.create(folder, access, password, expiresOn);
    }

    @Override
    public void delete(String linkId) throws StorageException {
        shares.delete(linkId);
    }

    @Override
    public void close() {
        upstream.close();
    }

    @Override
    public String toString() {
        return "NextcloudStorageProvider[" + location.url(ItemPath.root()) + "]";
    }

    // ---- WebDAV --------------------------------------------------------------------------------

    private boolean exists(ItemPath path) throws StorageException {
        return propfind(path, "0").isPresent();
    }

    /** PROPFIND with the explicit props; empty on 404. Entries whose href is not under the root are dropped. */
    private Optional<List<StoredItem>> propfind(ItemPath path, String depth) throws StorageException {
        String operation = "PROPFIND " + path;
        Request request = new Request.Builder()
                .url(location.url(path))
                .header("Depth", depth)
                .method("PROPFIND", RequestBody.create(PROPFIND_BODY, XML))
                .build();
        try (Response response = upstream.execute(request, operation)) {
            if (response.code() == 404) {
                return Optional.empty();
            }
            if (response.code() != 207) {
                throw Upstream.unexpected(response, operation);
            }
            if (!Upstream.isXml(response)) {
                throw new StorageUnavailableException(
                        "NextCloud answered " + operation + " with a non-XML body (a login page or a proxy error?)",
                        null);
            }
            byte[] xml = Upstream.readCapped(response, operation);
            List<Multistatus.Entry> entries;
            try {
                entries = Multistatus.parse(xml);
            } catch (Multistatus.MalformedAnswerException e) {
                throw new StorageUnavailableException(
                        "NextCloud's answer to " + operation + " is malformed: " + e.getMessage(), e);
            }
            List<StoredItem> items = new ArrayList<>();
            for (Multistatus.Entry entry : entries) {
                Optional<ItemPath> itemPath = location.pathOf(entry.href());
                if (itemPath.isEmpty()) {
                    LOG.debug("NextCloud {}: skipping an entry outside the root or with an unusable name", operation);
                    continue;
                }
                items.add(toItem(itemPath.get(), entry, operation));
            }
            if (items.stream().noneMatch(i -> i.path().equals(path))) {
                throw new StorageUnavailableException(
                        "NextCloud's answer to " + operation + " does not describe the item asked for", null);
            }
            return Optional.of(items);
        }
    }

    private static StoredItem toItem(ItemPath path, Multistatus.Entry entry, String operation)
            throws StorageUnavailableException {
        if (entry.etag().isEmpty() || entry.lastModified().isEmpty()) {
            throw new StorageUnavailableException(
                    "NextCloud's answer to " + operation + " lacks an etag or date", null);
        }
        long size = 0;
        if (!entry.collection()) {
            if (entry.contentLength().isPresent()) {
                size = entry.contentLength().getAsLong();
            } else if (entry.ocSize().isPresent()) {
                size = entry.ocSize().getAsLong();
            } else {
                throw new StorageUnavailableException(
                        "NextCloud's answer to " + operation + " lacks a file size", null);
            }
        }
        return new StoredItem(
                path,
                entry.collection() ? ItemType.FOLDER : ItemType.FILE,
                size,
                entry.lastModified().get(),
                entry.etag().get());
    }

    private static StoredItem emptyRoot() {
        return new StoredItem(ItemPath.root(), ItemType.FOLDER, 0, Instant.EPOCH, "none");
    }

    /**
     * Makes {@code folder} and its missing parents, the configured directory's own levels included
     * (so a not yet existing directory works). The deepest level is tried first: in the usual case
     * (the configured directory exists) that is one round trip; only when NextCloud answers 409 (a
     * parent is missing) are the levels made from the top down, then the target again. With
     * {@code verifyLast}, a 405 on the last level is checked to be a folder.
     *
     * @return whether the last level was created
     */
    private boolean makeFolders(ItemPath folder, boolean verifyLast) throws StorageException {
        ItemPath fromHome = location.directory().resolve(folder);
        if (fromHome.isRoot()) {
            return false; // the user's home always exists
        }
        int code = mkcol(fromHome, folder);
        if (code == 409) {
            List<String> segments = fromHome.segments();
            for (int i = 1; i < segments.size(); i++) {
                if (mkcol(ItemPath.of(segments.subList(0, i)), folder) == 409) {
                    // The level above answered "exists" (or was just made), so it is a file, not a folder.
                    throw new ItemConflictException(folder, "a file is in the way");
                }
            }
            code = mkcol(fromHome, folder);
            if (code == 409) {
                throw new ItemConflictException(folder, "a file is in the way");
            }
        }
        boolean created = code == 201;
        if (!created && verifyLast) {
            Optional<StoredItem> existing = stat(folder);
            if (existing.isEmpty()) {
                // NextCloud answers 405 for names it refuses (e.g. "*.part") without making them.
                throw rejectedName(folder);
            }
            if (!existing.get().isFolder()) {
                throw new ItemConflictException(folder, "a file is in the way");
            }
        }
        return created;
    }

    /** One MKCOL: 201 made, 405 exists, 409 parent missing (or not a folder); anything else throws. */
    private int mkcol(ItemPath level, ItemPath folder) throws StorageException {
        String operation = "MKCOL " + level;
        Request request = new Request.Builder()
                .url(location.homeUrl(level))
                .method("MKCOL", null)
                .build();
        try (Response response = upstream.execute(request, operation)) {
            int code = response.code();
            if (code == 201 || code == 405 || code == 409) {
                return code;
            }
            Optional<Multistatus.SabreError> error = davError(response, operation);
            if (code == 400 && isInvalidPath(error)) {
                throw rejectedName(folder);
            }
            if (isFull(code, error)) {
                throw full(folder);
            }
            throw Upstream.unexpected(response, operation);
        }
    }

    /** The Sabre error body of a refused request, read once; empty when there is none. */
    private static Optional<Multistatus.SabreError> davError(Response response, String operation)
            throws StorageUnavailableException {
        return Upstream.isXml(response)
                ? Multistatus.sabreError(Upstream.readCapped(response, operation))
                : Optional.empty();
    }

    private static boolean isInvalidPath(Optional<Multistatus.SabreError> error) {
        return error.map(Multistatus.SabreError::exception)
                .filter(e -> e.endsWith("\\InvalidPath") || e.endsWith("\\InvalidPathException"))
                .isPresent();
    }

    /**
     * The account's quota (or NextCloud's disk) has no room: 507 Insufficient Storage, which
     * NextCloud's quota check answers, or any refusal whose Sabre error says so.
     */
    private static boolean isFull(int code, Optional<Multistatus.SabreError> error) {
        return code == 507
                || error.filter(e -> e.exception().endsWith("\\InsufficientStorage")
                                || e.message().toLowerCase(Locale.ROOT).contains("quota exceeded"))
                        .isPresent();
    }

    /** NextCloud's own message names its paths and sizes; ours names only the item. */
    private static StorageFullException full(ItemPath path) {
        return new StorageFullException(
                "NextCloud has no room for " + path + " (the account's quota or its disk)", null);
    }

    private static StorageRejectedException rejectedName(ItemPath path) {
        return new StorageRejectedException("NextCloud does not accept the name '" + path.name() + "'");
    }

    private static void checkContentRange(Response response, ByteRange range, StoredItem item, String operation)
            throws StorageUnavailableException {
        String header = response.header("Content-Range");
        String expected = "bytes " + range.first() + "-" + range.last() + "/";
        if (header == null || !header.strip().startsWith(expected)) {
            throw new StorageUnavailableException("NextCloud answered " + operation + " with another byte range", null);
        }
        String total = header.strip().substring(expected.length());
        if (!total.equals("*") && !total.equals(Long.toString(item.size()))) {
            throw new StorageUnavailableException("the file changed while it was read: " + operation, null);
        }
    }

    /** The response body as the caller's stream: exactly {@code length} bytes; closing it closes the response. */
    private static final class ResponseStream extends FilterInputStream {
        private final Response response;
        private long remaining;

        ResponseStream(InputStream in, Response response, long length) {
            super(in);
            this.response = response;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b < 0) {
                throw new IOException("NextCloud ended the file early");
            }
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new IOException("NextCloud ended the file early");
            }
            remaining -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                response.close();
            }
        }
    }

    /** Streams the caller's content as a chunked PUT body, remembering whether the source failed. */
    static final class UploadBody extends RequestBody {
        private final InputStream source;
        private volatile IOException sourceFailure;

        UploadBody(InputStream source) {
            this.source = source;
        }

        @Override
        public MediaType contentType() {
            return OCTET_STREAM;
        }

        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                int n;
                try {
                    n = source.read(buffer);
                } catch (IOException e) {
                    sourceFailure = e;
                    throw e;
                }
                if (n < 0) {
                    return;
                }
                sink.write(buffer, 0, n);
            }
        }

        boolean sourceFailed() {
            return sourceFailure != null;
        }

        IOException sourceFailure() {
            return sourceFailure;
        }
    }
}
