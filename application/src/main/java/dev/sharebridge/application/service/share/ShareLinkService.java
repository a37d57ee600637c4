package dev.sharebridge.application.service.share;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.share.FieldUpdate;
import dev.sharebridge.application.port.in.share.ManageShareLinksUseCase;
import dev.sharebridge.application.port.in.share.NewShareCommand;
import dev.sharebridge.application.port.in.share.ShareUpdate;
import dev.sharebridge.application.port.in.share.ShareView;
import dev.sharebridge.application.port.in.share.ShareViewPage;
import dev.sharebridge.application.port.out.persistence.DeletionFence;
import dev.sharebridge.application.port.out.persistence.DeletionFence.Scope;
import dev.sharebridge.application.port.out.persistence.SharePage;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.security.PasswordHasher;
import dev.sharebridge.application.port.out.security.PasswordStrength;
import dev.sharebridge.application.service.file.StorageFailures;
import dev.sharebridge.application.service.file.UserSpaces;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.share.LinkLimits;
import dev.sharebridge.domain.share.LinkPolicy;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePasswordPolicy;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The owner's share links on items of their space. Links of meeting rooms and other users' links
 * are invisible here (not found), so ids can not be probed.
 */
public final class ShareLinkService implements ManageShareLinksUseCase {
    static final String NOT_FOUND = "share link not found";
    /** Token collisions are practically impossible with 192 bits; a few retries cost nothing. */
    private static final int INSERT_ATTEMPTS = 3;
    /**
     * Looks at the item again after a deletion began elsewhere in the owner's space meanwhile;
     * only a space where deletions keep beginning runs out of these.
     */
    private static final int FENCE_ATTEMPTS = 8;

    private final ShareRepository shares;
    private final StorageProvider files;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final SecureRandom random;
    private final ShareSettings settings;
    private final DeletionFence fence;
    private final NewPasswords passwords;

    public ShareLinkService(
            ShareRepository shares,
            StorageProvider files,
            PasswordHasher hasher,
            PasswordStrength strength,
            DeletionFence fence,
            Clock clock,
            SecureRandom random,
            ShareSettings settings) {
        this.shares = Objects.requireNonNull(shares, "shares");
        this.files = Objects.requireNonNull(files, "files");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.passwords = new NewPasswords(strength);
        this.fence = Objects.requireNonNull(fence, "fence");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Watches the owner's space on the fence before the item is looked at, and stores the link
     * only if no deletion began there since (otherwise it looks again), so a link can never
     * outlive an item deleted while it was being made. The slow hash runs outside all of it.
     */
    @Override
    public ShareView create(UserId owner, NewShareCommand command)
            throws NotFoundException, UpstreamUnavailableException {
        Instant now = clock.instant();
        // every check on the input runs before the (slow) hash and the storage call
        SharePermissions permissions = command.permissions().orElse(SharePermissions.DEFAULT);
        command.expiresAt().ifPresent(e -> Share.checkFutureExpiry(e, now));
        command.label().ifPresent(Share::checkLabel);
        command.maxAccesses().ifPresent(Share::checkMaxAccesses);
        LinkLimits.check(command.limits(), permissions);
        Optional<String> password = command.password().map(passwords::checkForm);

        Scope scope = Scope.userSpace(owner);
        ItemPath path = command.itemPath();
        DeletionFence.Watch watch = watch(scope, path);
        StoredItem item = existingItem(owner, path, command);
        ShareToken token = ShareToken.generate(random);
        if (password.isPresent()) {
            passwords.checkGuessable(password.get(), List.of(token), context(owner, path, command.label()));
        }
        LinkPolicy policy = new LinkPolicy(
                permissions, password.map(hasher::hash), command.expiresAt(), command.maxAccesses(), command.label());
        int clashes = 0;
        for (int looks = 1; ; ) {
            Share share = Share.ownerLink(ShareId.random(), token, owner, path, item.type(), policy, now)
                    .withLimits(command.limits());
            try {
                if (fence.insert(watch, share)) {
                    return view(share);
                }
            } catch (IllegalStateException e) {
                if (++clashes >= INSERT_ATTEMPTS) {
                    throw e;
                }
                token = ShareToken.generate(random);
                if (password.isPresent()) {
                    SharePasswordPolicy.checkNotToken(password.get(), List.of(token));
                }
                continue;
            }
            // a deletion began in the space since the watch: is the item still there?
            if (++looks > FENCE_ATTEMPTS) {
                throw new UpstreamUnavailableException(
                        "items of this space are being deleted; try again", null, Optional.of(Duration.ofSeconds(1)));
            }
            watch = watch(scope, path);
            item = existingItem(owner, path, command);
        }
    }

    /** @throws NotFoundException while the item, or a folder above it, is being deleted */
    private DeletionFence.Watch watch(Scope scope, ItemPath path) throws NotFoundException {
        return fence.watch(scope, path, clock.instant()).orElseThrow(() -> StorageFailures.notFound(path));
    }

    /** What an attacker may know about a link, so its password must not be made of it. */
    private static List<String> context(UserId owner, ItemPath path, Optional<String> label) {
        List<String> words = new ArrayList<>();
        words.add(owner.value());
        if (!path.isRoot()) {
            words.add(path.name());
        }
        label.ifPresent(words::add);
        return words;
    }

    @Override
    public ShareViewPage list(UserId owner, Optional<ItemPath> item, int limit, Optional<String> cursor) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new InvalidValueException(Field.LIMIT, "{field} must be between 1 and " + MAX_PAGE_SIZE);
        }
        SharePage page = shares.listByOwner(owner, item, limit, cursor);
        return new ShareViewPage(page.items().stream().map(this::view).toList(), page.nextCursor());
    }

    @Override
    public ShareView get(UserId owner, ShareId id) throws NotFoundException {
        return view(owned(owner, id));
    }

    /**
     * Merges a partial update: absent fields stay, cleared ones are removed (no password, never
     * expires, unlimited, no label). Permissions can be replaced but not cleared. Changing or
     * removing the password kills every grant (grants are bound to the stored hash).
     */
    @Override
    public ShareView update(UserId owner, ShareId id, ShareUpdate update) throws NotFoundException {
        Instant now = clock.instant();
        if (update.permissions() instanceof FieldUpdate.Clear<SharePermissions>) {
            throw new InvalidValueException(Field.PERMISSIONS, "{field} cannot be cleared; send the flags instead");
        }
        if (update.expiresAt() instanceof FieldUpdate.Set<Instant> s) {
            Share.checkFutureExpiry(s.value(), now);
        }
        if (update.label() instanceof FieldUpdate.Set<String> s) {
            Share.checkLabel(s.value());
        }
        if (update.maxAccesses() instanceof FieldUpdate.Set<Long> s) {
            Share.checkMaxAccesses(s.value());
        }
        FieldUpdate<String> password = update.password().map(passwords::checkForm);
        Share current = owned(owner, id);
        if (password instanceof FieldUpdate.Set<String> s) {
            passwords.checkGuessable(
                    s.value(),
                    List.of(current.token()),
                    context(owner, current.itemPath(), update.label().applyTo(current.label())));
        }
        Share next = current.withPasswordHash(
                        password instanceof FieldUpdate.Set<String> s
                                ? Optional.of(hasher.hash(s.value()))
                                : password.applyTo(current.passwordHash()))
                .withExpiresAt(update.expiresAt().applyTo(current.expiresAt()))
                .withPermissions(update.permissions()
                        .applyTo(Optional.of(current.permissions()))
                        .orElseThrow())
                .withLabel(update.label().applyTo(current.label()))
                .withMaxAccesses(update.maxAccesses().applyTo(current.maxAccesses()));
        if (!shares.update(next)) {
            throw new NotFoundException(NOT_FOUND);
        }
        // re-read: the stored access count may have moved on meanwhile
        return view(shares.findById(id).orElse(next));
    }

    @Override
    public void delete(UserId owner, ShareId id) throws NotFoundException {
        owned(owner, id);
        if (shares.deleteWithDescendants(id) == 0) {
            throw new NotFoundException(NOT_FOUND);
        }
    }

    private Share owned(UserId owner, ShareId id) throws NotFoundException {
        return shares.findById(id)
                .filter(s -> s.createdBy().equals(owner) && !s.isRoomLink())
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    private StoredItem existingItem(UserId owner, ItemPath path, NewShareCommand command)
            throws NotFoundException, UpstreamUnavailableException {
        StoredItem item = existingItem(owner, path);
        if (command.itemType().isPresent() && command.itemType().get() != item.type()) {
            throw new InvalidValueException(
                    Field.ITEM_TYPE,
                    "{field} does not match the item, which is a " + item.type().wireName());
        }
        return item;
    }

    private StoredItem existingItem(UserId owner, ItemPath path)
            throws NotFoundException, UpstreamUnavailableException {
        ItemPath inStorage = UserSpaces.toStorage(owner, path);
        try {
            Optional<StoredItem> item = files.stat(inStorage);
            if (item.isEmpty() && path.isRoot()) {
                // the root of a space always exists, even before its first upload
                files.makeFolder(inStorage);
                item = files.stat(inStorage);
            }
            return item.orElseThrow(() -> StorageFailures.notFound(path));
        } catch (StorageUnavailableException e) {
            throw StorageFailures.upstream(e);
        } catch (StorageException e) {
            throw StorageFailures.notFound(path);
        }
    }

    private ShareView view(Share share) {
        return new ShareView(share, settings.linkUrl(share.token()));
    }
}
