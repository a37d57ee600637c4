package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.InvalidPasswordException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.ServiceBusyException;
import dev.sharebridge.application.error.UseCaseException;
import dev.sharebridge.application.port.in.file.FolderListing;
import dev.sharebridge.application.port.in.publicshare.Grant;
import dev.sharebridge.application.port.in.publicshare.OpenedShare;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.publicshare.PublicShareUseCases;
import dev.sharebridge.application.port.in.publicshare.ReshareCommand;
import dev.sharebridge.application.port.in.publicshare.ZipDownload;
import dev.sharebridge.application.port.in.share.ShareView;
import dev.sharebridge.application.port.out.persistence.DeletionFence;
import dev.sharebridge.application.port.out.persistence.DeletionFence.Scope;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.security.PasswordHasher;
import dev.sharebridge.application.port.out.security.PasswordStrength;
import dev.sharebridge.application.port.out.security.SecretBox;
import dev.sharebridge.application.service.file.Deletions;
import dev.sharebridge.application.service.file.StorageFailures;
import dev.sharebridge.application.service.file.UserSpaces;
import dev.sharebridge.application.service.share.NewPasswords;
import dev.sharebridge.application.service.share.ShareSettings;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.LinkPolicy;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePasswordPolicy;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.storage.WriteResult;
import dev.sharebridge.domain.user.UserId;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * What visitors do with a public link. Every method re-checks everything by itself, in this
 * order: the client's not-found budget, the token's form (before any lookup), that the link and
 * every link it was reshared from exist and have not expired, {@code max_accesses}, the grant
 * when the link has a password, and finally the permission the operation needs.
 *
 * <p>Unknown, expired and used-up links all get {@link #NOT_FOUND}, one fixed message. A client
 * that has collected {@code notFoundPerClient} of them in the window is turned away with 429 on
 * every public route until the window has passed (also for links that exist, so 429 carries no
 * information about a token either).
 *
 * <p>A reshared link works only while all its ancestors work, and never with more permissions or
 * a later expiry than any of them: the link's {@link LinkChain} is read on every request, so
 * shrinking a parent shrinks its children at once, and an expired, used-up or deleted ancestor
 * ends every link below it on every route. A counted access through a link counts against each
 * link of its chain, so a parent's {@code max_accesses} bounds the accesses through all its
 * sub-links together.
 */
public final class PublicShareService implements PublicShareUseCases {
    /** The one answer for a link that does not exist, was deleted, has expired or is used up. */
    public static final String NOT_FOUND = "this link does not exist or has expired";
    static final Duration BUSY_RETRY = Duration.ofSeconds(1);
    /** Token collisions are practically impossible with 192 bits; a few retries cost nothing. */
    private static final int INSERT_ATTEMPTS = 3;
    /** Upper bound on remembered keys per limiter (memory stays bounded under floods). */
    static final int MAX_TRACKED_KEYS = 100_000;

    private final ShareRepository shares;
    private final StorageProvider files;
    private final StorageProvider roomFiles;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final SecureRandom random;
    private final ShareSettings settings;
    private final Grants grants;
    private final Semaphore hashingSlots;
    private final SlidingWindowLimiter failuresPerClient;
    private final SlidingWindowLimiter failuresPerToken;
    private final SlidingWindowLimiter notFoundPerClient;
    private final NewPasswords passwords;
    private final Deletions deletions;

    /** For deployments whose room links live on the same storage as the user spaces. */
    public PublicShareService(ShareRepository shares, StorageProvider files, PasswordHasher hasher,
            PasswordStrength strength, DeletionFence fence, SecretBox secrets, Clock clock, SecureRandom random,
            ShareSettings settings) {
        this(shares, files, files, hasher, strength, fence, secrets, clock, random, settings);
    }

    /**
     * @param files the storage of the user spaces (links without a room)
     * @param roomFiles the shared-folder storage; links of a room have paths relative to its root
     */
    public PublicShareService(ShareRepository shares, StorageProvider files, StorageProvider roomFiles,
            PasswordHasher hasher, PasswordStrength strength, DeletionFence fence, SecretBox secrets, Clock clock,
            SecureRandom random, ShareSettings settings) {
        this.passwords = new NewPasswords(strength);
        this.deletions = new Deletions(fence, clock);
        this.shares = Objects.requireNonNull(shares, "shares");
        this.files = Objects.requireNonNull(files, "files");
        this.roomFiles = Objects.requireNonNull(roomFiles, "roomFiles");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.grants = new Grants(Objects.requireNonNull(secrets, "secrets"), random);
        this.hashingSlots = new Semaphore(settings.hashingSlots());
        this.failuresPerClient = new SlidingWindowLimiter(settings.verifyFailuresPerClient(), settings.verifyWindow(),
                MAX_TRACKED_KEYS);
        this.failuresPerToken = new SlidingWindowLimiter(settings.verifyFailuresPerToken(), settings.verifyWindow(),
                MAX_TRACKED_KEYS);
        this.notFoundPerClient = new SlidingWindowLimiter(settings.notFoundPerClient(), settings.notFoundWindow(),
                MAX_TRACKED_KEYS);
    }

    @Override
    public OpenedShare open(PublicAccess access) throws UseCaseException {
        return opened(access, true);
    }

    @Override
    public OpenedShare describe(PublicAccess access) throws UseCaseException {
        return opened(access, false);
    }

    private OpenedShare opened(PublicAccess access, boolean counted) throws UseCaseException {
        Instant now = clock.instant();
        Link link = enter(access, now);
        StoredItem item = statOrNull(link, ItemPath.root());
        if (item == null || item.type() != link.share().itemType()) {
            // the shared item is gone: for the visitor the link is as dead as an expired one
            throw notFound(access.client(), now);
        }
        if (counted) {
            count(link, access.client(), now);
        }
        Share s = link.share();
        return new OpenedShare(link.displayName(), item.type(), item.isFolder() ? 0 : item.size(), s.hasPassword(),
                link.expiresAt(), link.permissions(), s.label());
    }

    @Override
    public Grant verify(String rawToken, String password, String client) throws UseCaseException {
        Instant now = clock.instant();
        // A client that has used up its failures on this link is refused before anything else:
        // a flood of wrong passwords costs no database lookup and no hash. The key is the raw
        // token, which names one link just like its id does, and is known before the lookup.
        String clientKey = client + "\n" + rawToken;
        Optional<Duration> wait = failuresPerClient.blocked(clientKey, now);
        if (wait.isPresent()) {
            throw rateLimited(wait.get());
        }
        Link link = lookup(rawToken, client, now);
        Share share = link.share();
        if (!share.hasPassword()) {
            return grants.issue(share, grantExpiry(link, now));
        }
        // throttle before hashing: an attempt is counted up front (atomically) and refunded
        // when it turns out not to be a failure
        String tokenKey = share.id().toString();
        wait = failuresPerClient.tryAcquire(clientKey, now);
        if (wait.isPresent()) {
            throw rateLimited(wait.get());
        }
        wait = failuresPerToken.tryAcquire(tokenKey, now);
        if (wait.isPresent()) {
            failuresPerClient.refund(clientKey);
            throw rateLimited(wait.get());
        }
        Optional<String> candidate = SharePasswordPolicy.verifiable(password);
        if (candidate.isEmpty()) {
            throw wrongPassword(clientKey, now);
        }
        if (!hashingSlots.tryAcquire()) {
            failuresPerClient.refund(clientKey);
            failuresPerToken.refund(tokenKey);
            // not queued, but not at once either: a client that floods while every slot is busy
            // would otherwise get these answers as fast as it can ask
            Duration hold = settings.verifyDelayAfter(failuresPerClient.count(clientKey, now) + 1);
            throw new ServiceBusyException("the server is busy; try again in a moment", BUSY_RETRY,
                    hold.compareTo(settings.verifyDelay()) < 0 ? settings.verifyDelay() : hold);
        }
        boolean ok;
        try {
            ok = hasher.verify(candidate.get(), share.passwordHash().orElseThrow());
        } finally {
            hashingSlots.release();
        }
        if (!ok) {
            throw wrongPassword(clientKey, now);
        }
        failuresPerClient.reset(clientKey);
        failuresPerToken.refund(tokenKey);
        return grants.issue(share, grantExpiry(link, now));
    }

    @Override
    public FolderListing list(PublicAccess access, ItemPath subpath) throws UseCaseException {
        Link link = enter(access, clock.instant());
        requireRead(link);
        StoredItem folder = statOrNull(link, subpath);
        if (folder == null || !folder.isFolder()) {
            throw StorageFailures.notFound(subpath);
        }
        try {
            return new FolderListing(link.present(folder),
                    link.storage().list(link.target(subpath)).stream().map(link::present).toList());
        } catch (StorageException e) {
            throw StorageFailures.translate(e, subpath);
        }
    }

    @Override
    public StoredItem stat(PublicAccess access, ItemPath subpath) throws UseCaseException {
        Link link = enter(access, clock.instant());
        requireRead(link);
        StoredItem item = statOrNull(link, subpath);
        if (item == null) {
            throw StorageFailures.notFound(subpath);
        }
        return link.present(item);
    }

    @Override
    public ItemContent download(PublicAccess access, ItemPath subpath, Optional<ByteRange> range)
            throws UseCaseException {
        Instant now = clock.instant();
        Link link = enter(access, now);
        requireRead(link);
        ItemContent content;
        try {
            content = link.storage().read(link.target(subpath), range);
        } catch (StorageException e) {
            throw StorageFailures.translate(e, subpath);
        }
        // counted once the file is known to be readable, so a failed read never uses up an access
        try {
            count(link, access.client(), now);
        } catch (UseCaseException e) {
            closeQuietly(content);
            throw e;
        }
        return new ItemContent(link.present(content.item()), content.range(), content.stream());
    }

    @Override
    public ZipDownload zip(PublicAccess access, ItemPath subpath) throws UseCaseException {
        Instant now = clock.instant();
        Link link = zippable(access, subpath, now);
        count(link, access.client(), now);
        FolderZip zip = new FolderZip(link.storage(), link.target(subpath));
        return new ZipDownload(zipName(link, subpath), zip::writeTo);
    }

    @Override
    public String zipFileName(PublicAccess access, ItemPath subpath) throws UseCaseException {
        return zipName(zippable(access, subpath, clock.instant()), subpath);
    }

    /** The checks of a zip: everything, read, and a folder at {@code subpath}. */
    private Link zippable(PublicAccess access, ItemPath subpath, Instant now) throws UseCaseException {
        Link link = enter(access, now);
        requireRead(link);
        StoredItem folder = statOrNull(link, subpath);
        if (folder == null || !folder.isFolder()) {
            throw StorageFailures.notFound(subpath);
        }
        return link;
    }

    private static String zipName(Link link, ItemPath subpath) {
        String name = subpath.isRoot() ? link.displayName() : subpath.name();
        return (name.isEmpty() ? "download" : name) + ".zip";
    }

    /**
     * A file drop (write without read) may only add new files. The existence check and the write
     * are two steps; a drop racing another upload to the same new name may replace it.
     */
    @Override
    public WriteResult upload(PublicAccess access, ItemPath subpath, InputStream content) throws UseCaseException {
        Link link = enter(access, clock.instant());
        if (!link.permissions().write()) {
            throw new ForbiddenException("this link does not allow uploads");
        }
        subpath.checkNewNames();
        ItemPath target = link.target(subpath);
        try {
            if (!link.permissions().read() && link.storage().stat(target).isPresent()) {
                throw new ForbiddenException("this link accepts new files only");
            }
            WriteResult result = link.storage().write(target, content);
            return new WriteResult(link.present(result.item()), result.created());
        } catch (StorageException e) {
            throw StorageFailures.translate(e, subpath);
        }
    }

    @Override
    public boolean makeFolder(PublicAccess access, ItemPath subpath) throws UseCaseException {
        Link link = enter(access, clock.instant());
        requireReadWrite(link);
        subpath.checkNewNames();
        try {
            return link.storage().makeFolder(link.target(subpath));
        } catch (StorageException e) {
            throw StorageFailures.translate(e, subpath);
        }
    }

    /**
     * Like the owner-side delete (see FileService): announced on the fence, the owner's links on
     * the item deleted before and after it. A room's links are all on its folder's root, which
     * cannot be deleted through a link, so inside a room folder there are none to delete.
     */
    @Override
    public void delete(PublicAccess access, ItemPath subpath) throws UseCaseException {
        Link link = enter(access, clock.instant());
        requireReadWrite(link);
        if (subpath.isRoot()) {
            throw new ForbiddenException("the shared item itself cannot be deleted through its link");
        }
        ItemPath target = link.target(subpath);
        if (link.share().isRoomLink()) {
            deleteItem(link, target, subpath);
            return;
        }
        UserId owner = link.share().createdBy();
        ItemPath inSpace = link.share().itemPath().resolve(subpath);
        try (Deletions.Announced announced = deletions.announce(Scope.userSpace(owner), inSpace)) {
            shares.deleteByOwnerAndPathPrefix(owner, inSpace);
            try {
                deleteItem(link, target, subpath);
            } finally {
                shares.deleteByOwnerAndPathPrefix(owner, inSpace);
            }
        }
    }

    private static void deleteItem(Link link, ItemPath target, ItemPath subpath) throws UseCaseException {
        boolean deleted;
        try {
            deleted = link.storage().delete(target);
        } catch (StorageException e) {
            throw StorageFailures.translate(e, subpath);
        }
        if (!deleted) {
            throw StorageFailures.notFound(subpath);
        }
    }

    @Override
    public ShareView reshare(PublicAccess access, ReshareCommand command) throws UseCaseException {
        Instant now = clock.instant();
        Link link = enter(access, now);
        if (!link.permissions().reshare()) {
            throw new ForbiddenException("this link does not allow resharing");
        }
        if (link.chain().links().size() >= LinkChain.MAX_LENGTH) {
            throw new ForbiddenException("this link has been reshared too often to be reshared again");
        }
        SharePermissions permissions = command.permissions().orElseGet(() -> defaultChildPermissions(link.permissions()));
        if (!link.permissions().includes(permissions)) {
            throw new InvalidValueException("permissions", "a reshared link cannot have more permissions than its parent");
        }
        Optional<Instant> expiresAt = command.expiresAt().or(() -> link.expiresAt());
        if (command.expiresAt().isPresent()) {
            Instant e = command.expiresAt().get();
            Share.checkFutureExpiry(e, now);
            if (link.expiresAt().isPresent() && e.isAfter(link.expiresAt().get())) {
                throw new InvalidValueException("expires_at", "a reshared link cannot expire after its parent");
            }
        }
        command.label().ifPresent(Share::checkLabel);
        Optional<String> password = command.password().map(passwords::checkForm);
        Share parent = link.share();
        ShareToken token = ShareToken.generate(random);
        if (password.isPresent()) {
            List<String> context = new ArrayList<>();
            context.add(link.displayName());
            parent.label().ifPresent(context::add);
            command.label().ifPresent(context::add);
            passwords.checkGuessable(password.get(), List.of(token, parent.token()), context);
        }
        Optional<String> hash = password.map(hasher::hash);
        // No fence here: the child names its parent (a foreign key), so deleting the item, which
        // deletes the parent, deletes the child with it or makes its insert fail.
        for (int attempt = 1; ; attempt++) {
            Share child = Share.reshare(parent, ShareId.random(), token,
                    new LinkPolicy(permissions, hash, expiresAt, Optional.empty(), command.label()), now);
            try {
                shares.insert(child);
                return new ShareView(child, settings.linkUrl(child.token()));
            } catch (IllegalStateException e) {
                if (shares.findById(parent.id()).isEmpty()) {
                    // the parent was deleted meanwhile: for the visitor the link is gone
                    throw notFound(access.client(), now);
                }
                if (attempt >= INSERT_ATTEMPTS) {
                    throw e;
                }
                token = ShareToken.generate(random);
                if (password.isPresent()) {
                    SharePasswordPolicy.checkNotToken(password.get(), List.of(token));
                }
            }
        }
    }

    // ---- the checks every route runs

    /** Token, link, ancestors, grant: everything but the operation's own permission. */
    private Link enter(PublicAccess access, Instant now) throws UseCaseException {
        Link link = lookup(access.rawToken(), access.client(), now);
        if (link.share().hasPassword() && !grants.isValid(access.grant(), link.share(), now)) {
            throw new PasswordRequiredException("this link is protected by a password");
        }
        return link;
    }

    private Link lookup(String rawToken, String client, Instant now) throws UseCaseException {
        Optional<Duration> wait = notFoundPerClient.blocked(client, now);
        if (wait.isPresent()) {
            throw rateLimited(wait.get());
        }
        // a malformed token never reaches the repository, and looks exactly like an unknown one
        Optional<ShareToken> token = ShareToken.parse(rawToken);
        if (token.isEmpty()) {
            throw notFound(client, now);
        }
        Optional<Share> found = shares.findByToken(token.get());
        if (found.isEmpty()) {
            throw notFound(client, now);
        }
        Share share = found.get();
        List<Share> links = new ArrayList<>();
        links.add(share);
        links.addAll(shares.findAncestors(share));
        if (links.get(links.size() - 1).parentId().isPresent()) {
            // an ancestor was deleted meanwhile (or the chain is longer than any reshare makes)
            throw notFound(client, now);
        }
        LinkChain chain = LinkChain.of(links);
        if (!chain.isUsable(now)) {
            throw notFound(client, now);
        }
        SharePermissions permissions = chain.permissions();
        if (!permissions.read() && !permissions.write()) {
            throw notFound(client, now);
        }
        StorageProvider storage = share.isRoomLink() ? roomFiles : files;
        ItemPath root = share.isRoomLink() ? share.itemPath() : UserSpaces.toStorage(share.createdBy(), share.itemPath());
        return new Link(chain, permissions, chain.expiresAt(), storage, root);
    }

    private void count(Link link, String client, Instant now) throws UseCaseException {
        if (!shares.recordAccess(link.chain(), now)) {
            throw notFound(client, now);
        }
    }

    private NotFoundException notFound(String client, Instant now) {
        notFoundPerClient.record(client, now);
        return new NotFoundException(NOT_FOUND);
    }

    private static void requireRead(Link link) throws ForbiddenException {
        if (!link.permissions().read()) {
            throw new ForbiddenException("this link only accepts uploads");
        }
    }

    private static void requireReadWrite(Link link) throws ForbiddenException {
        if (!link.permissions().read() || !link.permissions().write()) {
            throw new ForbiddenException("this link does not allow changing its content");
        }
    }

    private StoredItem statOrNull(Link link, ItemPath subpath) throws UseCaseException {
        if (link.share().itemType() == ItemType.FILE && !subpath.isRoot()) {
            return null;
        }
        try {
            return link.storage().stat(link.target(subpath)).orElse(null);
        } catch (StorageException e) {
            throw StorageFailures.translate(e, subpath);
        }
    }

    private Instant grantExpiry(Link link, Instant now) {
        Instant expiry = now.plus(settings.grantTtl());
        if (link.expiresAt().isPresent() && link.expiresAt().get().isBefore(expiry)) {
            expiry = link.expiresAt().get();
        }
        // grants carry milliseconds: round down so a grant never outlives its share
        return Instant.ofEpochMilli(expiry.toEpochMilli());
    }

    private static SharePermissions defaultChildPermissions(SharePermissions parent) {
        return parent.includes(SharePermissions.DEFAULT) ? SharePermissions.DEFAULT
                : new SharePermissions(parent.read(), parent.write(), false);
    }

    /** The answer to a failure waits longer the more failures the client had on the link. */
    private InvalidPasswordException wrongPassword(String clientKey, Instant now) {
        return new InvalidPasswordException("the password is not correct",
                settings.verifyDelayAfter(failuresPerClient.count(clientKey, now)));
    }

    /** Throttled answers wait the longest delay: a flood of them then costs the server little. */
    private RateLimitedException rateLimited(Duration wait) {
        return new RateLimitedException("too many attempts; try again later", wait, settings.verifyDelayMax());
    }

    private static void closeQuietly(ItemContent content) {
        try {
            content.close();
        } catch (IOException e) {
            // nothing was sent yet; the stream is abandoned either way
        }
    }

    /** A usable link with what its whole reshare chain allows. */
    private record Link(LinkChain chain, SharePermissions permissions, Optional<Instant> expiresAt,
            StorageProvider storage, ItemPath root) {

        /** The link the visitor holds. */
        Share share() {
            return chain.link();
        }

        /** The shared item's storage path plus a subpath; below a shared file there is nothing. */
        ItemPath target(ItemPath subpath) throws NotFoundException {
            if (share().itemType() == ItemType.FILE && !subpath.isRoot()) {
                throw StorageFailures.notFound(subpath);
            }
            return root.resolve(subpath);
        }

        /** Paths relative to the shared item; a shared file shows as {@code /<its name>}. */
        StoredItem present(StoredItem item) {
            ItemPath rel = item.path().relativeTo(root);
            if (rel.isRoot() && !item.isFolder() && !root.isRoot()) {
                rel = ItemPath.of(root.name());
            }
            return UserSpaces.relocate(item, rel);
        }

        String displayName() {
            return root.name();
        }
    }
}
