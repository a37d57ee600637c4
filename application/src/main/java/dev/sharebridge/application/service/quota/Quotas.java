package dev.sharebridge.application.service.quota;

import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.TooLargeException;
import dev.sharebridge.application.error.UseCaseException;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.quota.SpaceAccounting;
import dev.sharebridge.application.port.out.upload.UploadOwner;
import dev.sharebridge.application.port.out.upload.UploadQuota;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.user.UserId;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The quotas and limits every write goes through (docs/architecture.md, "Quotas"). A write
 * reserves its bytes before they are written: all at once when its size is known (a
 * {@code Content-Length}, a tus {@code Upload-Length}), else step by step while they stream, and
 * once it is over it gives back what it did not use and what the file it replaced held. Each
 * reservation is a conditional update in {@link SpaceAccounting}, so concurrent writes on any
 * number of instances never together go over a quota or a link's {@code max_upload_bytes}.
 *
 * <p>A user's quota counts the files of their own space; links to a meeting's shared folder write
 * into no user's space, so only their own limits apply.
 */
public final class Quotas implements UploadQuota {
    /** How much a write of unknown size reserves at a time. */
    static final long STEP = 1L << 20;

    /** Links are reshared only so deep; a longer chain is a corrupt one. */
    private static final int MAX_CHAIN = 64;

    static final String QUOTA_MESSAGE = "the quota of this space has no room for this; nothing of it was kept";
    static final String LINK_MESSAGE = "this link may receive no more than that; nothing of it was kept";

    private final SpaceAccounting accounting;
    private final ShareRepository shares;
    private final QuotaSettings settings;
    private final long maxFileBytes;

    /** @param maxFileBytes the largest file the server accepts ({@code [uploads] max_size_mib}) */
    public Quotas(SpaceAccounting accounting, ShareRepository shares, QuotaSettings settings, long maxFileBytes) {
        this.accounting = Objects.requireNonNull(accounting, "accounting");
        this.shares = Objects.requireNonNull(shares, "shares");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.maxFileBytes = maxFileBytes;
    }

    /** No quota, no largest file, nothing counted: for embedders and tests that want no limits. */
    public static Quotas unlimited() {
        return new Quotas(UNCOUNTED, NO_SHARES, QuotaSettings.DEFAULTS, Long.MAX_VALUE);
    }

    private static final ShareRepository NO_SHARES = (ShareRepository) java.lang.reflect.Proxy.newProxyInstance(
            ShareRepository.class.getClassLoader(), new Class<?>[] {ShareRepository.class}, (proxy, method, args) -> {
                if (method.getReturnType() == Optional.class) {
                    return Optional.empty();
                }
                throw new UnsupportedOperationException(method.getName());
            });

    private static final SpaceAccounting UNCOUNTED = new SpaceAccounting() {
        @Override
        public boolean reserve(UserId user, long bytes, long defaultQuota) {
            return true;
        }

        @Override
        public void release(UserId user, long bytes) {}

        @Override
        public boolean reserveLink(dev.sharebridge.domain.share.ShareId link, long bytes) {
            return true;
        }

        @Override
        public void releaseLink(dev.sharebridge.domain.share.ShareId link, long bytes) {}

        @Override
        public boolean setQuota(UserId user, OptionalLong quota) {
            return false;
        }

        @Override
        public boolean setUsed(UserId user, long used) {
            return false;
        }

        @Override
        public Optional<Usage> usage(UserId user) {
            return Optional.empty();
        }
    };

    /**
     * Throws the outcome of a limit crossed while a body streamed, if that is why {@code failure}
     * happened; else returns.
     */
    public static void rethrowCrossed(Throwable failure) throws TooLargeException, InsufficientStorageException {
        Optional<UseCaseException> outcome = crossed(failure);
        if (outcome.isPresent() && outcome.get() instanceof TooLargeException t) {
            throw t;
        }
        if (outcome.isPresent() && outcome.get() instanceof InsufficientStorageException i) {
            throw i;
        }
    }

    /** A tus upload is created: its whole length is reserved until it is placed or given up. */
    @Override
    public void admit(Request request) throws TooLargeException, InsufficientStorageException {
        Optional<Share> link = request.link().flatMap(shares::findById);
        Reservation r = link.isPresent()
                ? begin(link.get(), OptionalLong.of(request.length()))
                : begin(request.space(), OptionalLong.of(request.length()));
        r.keep();
    }

    @Override
    public void release(UploadOwner owner, long length) {
        target(owner).ifPresent(t -> {
            t.space.ifPresent(u -> accounting.release(u, length));
            t.link.ifPresent(l -> chain(l).forEach(c -> accounting.releaseLink(c.id(), length)));
        });
    }

    /** The link and those it was reshared from: an upload through it counts against each one's limits. */
    private List<Share> chain(Share link) {
        List<Share> chain = new ArrayList<>();
        Optional<Share> at = Optional.of(link);
        while (at.isPresent() && chain.size() < MAX_CHAIN) {
            chain.add(at.get());
            at = at.get().parentId().flatMap(shares::findById);
        }
        return chain;
    }

    @Override
    public void replaced(UploadOwner owner, long bytes) {
        if (bytes > 0) {
            target(owner).flatMap(t -> t.space).ifPresent(u -> accounting.release(u, bytes));
        }
    }

    private record Target(Optional<UserId> space, Optional<Share> link) {}

    private Optional<Target> target(UploadOwner owner) {
        if (owner instanceof UploadOwner.User u) {
            return Optional.of(new Target(Optional.of(u.id()), Optional.empty()));
        }
        UploadOwner.Link l = (UploadOwner.Link) owner;
        return shares.findById(l.id()).map(s -> new Target(space(s), Optional.of(s)));
    }

    private static Optional<UserId> space(Share link) {
        return link.isRoomLink() ? Optional.empty() : Optional.of(link.createdBy());
    }

    /** A write into {@code user}'s own space. */
    public Reservation begin(UserId user, OptionalLong length) throws TooLargeException, InsufficientStorageException {
        return begin(Optional.of(user), List.of(), length);
    }

    /** A write through {@code link}: its limits, and its owner's quota when it is into their space. */
    public Reservation begin(Share link, OptionalLong length) throws TooLargeException, InsufficientStorageException {
        return begin(space(link), chain(link), length);
    }

    private Reservation begin(Optional<UserId> space, List<Share> links, OptionalLong length)
            throws TooLargeException, InsufficientStorageException {
        long max = maxFileBytes;
        for (Share l : links) {
            max = Math.min(max, l.limits().maxFileBytes().orElse(Long.MAX_VALUE));
        }
        Reservation r = new Reservation(space, links, max);
        if (length.isPresent()) {
            r.checkSize(length.getAsLong());
            r.reserve(length.getAsLong());
            r.fixed = true;
        }
        return r;
    }

    /**
     * The bytes a copy of {@code item} adds: a file's size, a folder's files below it.
     *
     * @throws StorageException when the storage fails to list them
     */
    public static long sizeOf(StorageProvider storage, StoredItem item) throws StorageException {
        if (!item.isFolder()) {
            return item.size();
        }
        long total = 0;
        for (StoredItem child : storage.list(item.path())) {
            total += sizeOf(storage, child);
        }
        return total;
    }

    /** The size of what is at {@code path} of {@code storage}, 0 when nothing is there. */
    public static long sizeAt(StorageProvider storage, ItemPath path) throws StorageException {
        Optional<StoredItem> item = storage.stat(path);
        return item.isPresent() ? sizeOf(storage, item.get()) : 0;
    }

    /** Reserves {@code bytes} more for {@code user}'s space, as a copy does. */
    public void reserveCopy(UserId user, long bytes) throws InsufficientStorageException {
        if (bytes > 0 && !accounting.reserve(user, bytes, settings.userQuotaBytes())) {
            throw new InsufficientStorageException(QUOTA_MESSAGE, null);
        }
    }

    /** Gives back what a deletion freed in {@code user}'s space. */
    public void freed(UserId user, long bytes) {
        if (bytes > 0) {
            accounting.release(user, bytes);
        }
    }

    /** Gives back what a deletion through {@code link} freed. */
    public void freed(Share link, long bytes) {
        space(link).ifPresent(u -> freed(u, bytes));
    }

    /** Reserves for a copy through {@code link} into its owner's space. */
    public void reserveCopy(Share link, long bytes) throws InsufficientStorageException {
        Optional<UserId> space = space(link);
        if (space.isPresent()) {
            reserveCopy(space.get(), bytes);
        }
    }

    /**
     * The use-case outcome of a write that stopped because a limit was crossed while its bytes
     * streamed, found anywhere in the causes of what the storage threw.
     */
    public static Optional<UseCaseException> crossed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LimitCrossed c) {
                return Optional.of(c.outcome);
            }
        }
        return Optional.empty();
    }

    /** Thrown from the body a limit was crossed in: the storage keeps nothing of a body that fails. */
    private static final class LimitCrossed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient UseCaseException outcome;

        LimitCrossed(UseCaseException outcome) {
            super(outcome.getMessage(), null, false, false);
            this.outcome = outcome;
        }
    }

    /**
     * The bytes one write reserved. Wrap its body with {@link #count}, then call {@link #commit}
     * after the write or {@link #cancel} when it failed.
     */
    public final class Reservation {
        private final Optional<UserId> space;
        private final List<Share> links;
        private final long max;
        private long reserved;
        private long counted;
        private boolean fixed;
        private boolean over;

        Reservation(Optional<UserId> space, List<Share> links, long max) {
            this.space = space;
            this.links = links;
            this.max = max;
        }

        void checkSize(long size) throws TooLargeException {
            if (size > max) {
                throw new TooLargeException("a file may have at most " + max + " bytes here");
            }
        }

        void reserve(long bytes) throws TooLargeException, InsufficientStorageException {
            if (space.isPresent() && !accounting.reserve(space.get(), bytes, settings.userQuotaBytes())) {
                throw new InsufficientStorageException(QUOTA_MESSAGE, null);
            }
            for (int i = 0; i < links.size(); i++) {
                if (!accounting.reserveLink(links.get(i).id(), bytes)) {
                    for (int j = 0; j < i; j++) {
                        accounting.releaseLink(links.get(j).id(), bytes);
                    }
                    space.ifPresent(u -> accounting.release(u, bytes));
                    throw new TooLargeException(LINK_MESSAGE);
                }
            }
            reserved += bytes;
        }

        /** The reservation stays (a tus upload's, given back by {@link UploadQuota#release}). */
        void keep() {
            reserved = 0;
        }

        /** The body, counted: crossing a limit while it streams fails it (and so the write). */
        public InputStream count(InputStream body) {
            return new FilterInputStream(body) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        arrived(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        arrived(n);
                    }
                    return n;
                }
            };
        }

        private void arrived(long n) {
            counted += n;
            if (over) {
                throw new LimitCrossed(new TooLargeException("the body goes on after its limit"));
            }
            try {
                if (counted > reserved && fixed) {
                    throw new TooLargeException("the body is longer than announced");
                }
                checkSize(counted);
                if (counted > reserved) {
                    long needed = counted - reserved;
                    long step = Math.max(needed, Math.min(STEP, max - reserved));
                    try {
                        reserve(step);
                    } catch (TooLargeException | InsufficientStorageException e) {
                        if (step == needed) {
                            throw e;
                        }
                        reserve(needed); // near the limit: only what arrived
                    }
                }
            } catch (TooLargeException | InsufficientStorageException e) {
                over = true;
                throw new LimitCrossed(e);
            }
        }

        /**
         * The write is done: what was reserved beyond its {@code written} bytes goes back, and so
         * does what the file it replaced held ({@code replaced} bytes).
         */
        public void commit(long written, long replaced) {
            long unused = Math.max(0, reserved - written);
            long back = unused + replaced;
            if (back > 0) {
                space.ifPresent(u -> accounting.release(u, back));
            }
            if (unused > 0) {
                links.forEach(l -> accounting.releaseLink(l.id(), unused));
            }
            reserved = 0;
        }

        /** The write failed: nothing of it was kept, and all it reserved goes back. */
        public void cancel() {
            if (reserved > 0) {
                long back = reserved;
                space.ifPresent(u -> accounting.release(u, back));
                links.forEach(l -> accounting.releaseLink(l.id(), back));
            }
            reserved = 0;
        }
    }
}
