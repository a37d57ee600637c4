package dev.sharebridge.domain.share;

import dev.sharebridge.domain.DisplayText;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A public link to a file or folder.
 *
 * <p>{@code itemPath} is relative to the owner's space, or, when {@code roomId} is present (the
 * links of a meeting's shared folder), to the shared-folder storage's root. Build new shares with
 * {@link #ownerLink}, {@link #roomLink} or {@link #reshare}, which enforce the rules that only
 * apply at creation (expiry in the future); the canonical constructor only checks invariants, so
 * an expired share can be restored.
 *
 * @param passwordHash the bcrypt hash of the password, never the password
 * @param maxAccesses the number of counted accesses after which the link stops working
 * @param parentId the link this one was reshared from; it dies with its parent
 * @param limits how much a link with write may receive (docs/uploads.md, "Quotas and limits")
 */
public record Share(
        ShareId id,
        ItemPath itemPath,
        ItemType itemType,
        Optional<RoomId> roomId,
        ShareToken token,
        Optional<String> passwordHash,
        Optional<Instant> expiresAt,
        SharePermissions permissions,
        Optional<String> label,
        Optional<Long> maxAccesses,
        long accessCount,
        Optional<Instant> lastAccessedAt,
        Instant createdAt,
        UserId createdBy,
        Optional<ShareId> parentId,
        LinkLimits limits) {

    public static final int MAX_LABEL_LENGTH = 255;
    /**
     * The latest expiry a link may be given. Far later instants do not fit the milliseconds every
     * store keeps (a year past 292 million overflows them), and nobody means them.
     */
    public static final Instant MAX_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    public Share {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(itemPath, "itemPath");
        Objects.requireNonNull(itemType, "itemType");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(maxAccesses, "maxAccesses");
        Objects.requireNonNull(lastAccessedAt, "lastAccessedAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(limits, "limits");
        label.ifPresent(Share::checkStoredLabel);
        maxAccesses.ifPresent(Share::checkMaxAccesses);
        if (accessCount < 0) {
            throw new IllegalArgumentException("accessCount < 0");
        }
        if (itemType == ItemType.FILE && itemPath.isRoot()) {
            throw new InvalidValueException(Field.ITEM_TYPE, "the root of a space is a folder");
        }
    }

    /** A share without upload limits. */
    public Share(
            ShareId id,
            ItemPath itemPath,
            ItemType itemType,
            Optional<RoomId> roomId,
            ShareToken token,
            Optional<String> passwordHash,
            Optional<Instant> expiresAt,
            SharePermissions permissions,
            Optional<String> label,
            Optional<Long> maxAccesses,
            long accessCount,
            Optional<Instant> lastAccessedAt,
            Instant createdAt,
            UserId createdBy,
            Optional<ShareId> parentId) {
        this(
                id,
                itemPath,
                itemType,
                roomId,
                token,
                passwordHash,
                expiresAt,
                permissions,
                label,
                maxAccesses,
                accessCount,
                lastAccessedAt,
                createdAt,
                createdBy,
                parentId,
                LinkLimits.NONE);
    }

    /**
     * A new link of {@code owner} to an item of their own space.
     *
     * @throws InvalidValueException when the expiry is not in the future, or a value is invalid
     */
    public static Share ownerLink(
            ShareId id, ShareToken token, UserId owner, ItemPath item, ItemType type, LinkPolicy policy, Instant now) {
        return create(
                id,
                item,
                type,
                Optional.empty(),
                token,
                policy.passwordHash(),
                policy.expiresAt(),
                policy.permissions(),
                policy.label(),
                policy.maxAccesses(),
                now,
                owner,
                Optional.empty());
    }

    /**
     * A new link to the shared folder of {@code room}, on behalf of {@code createdBy} (its owner).
     *
     * @throws InvalidValueException when the expiry is not in the future, or a value is invalid
     */
    public static Share roomLink(
            ShareId id,
            ShareToken token,
            RoomId room,
            UserId createdBy,
            ItemPath folder,
            LinkPolicy policy,
            Instant now) {
        return create(
                id,
                folder,
                ItemType.FOLDER,
                Optional.of(room),
                token,
                policy.passwordHash(),
                policy.expiresAt(),
                policy.permissions(),
                policy.label(),
                policy.maxAccesses(),
                now,
                createdBy,
                Optional.empty());
    }

    /**
     * A link reshared from {@code parent}: the same item, owner and room, and it dies with the
     * parent. That the policy is within the parent's is for the caller to have checked.
     *
     * @throws InvalidValueException when the expiry is not in the future, or a value is invalid
     */
    public static Share reshare(Share parent, ShareId id, ShareToken token, LinkPolicy policy, Instant now) {
        return create(
                id,
                parent.itemPath(),
                parent.itemType(),
                parent.roomId(),
                token,
                policy.passwordHash(),
                policy.expiresAt(),
                policy.permissions(),
                policy.label(),
                policy.maxAccesses(),
                now,
                parent.createdBy(),
                Optional.of(parent.id()));
    }

    /** The choices its creator made for this link. */
    public LinkPolicy policy() {
        return new LinkPolicy(permissions, passwordHash, expiresAt, maxAccesses, label);
    }

    /**
     * A new share, checked against the rules for creation: the general form behind
     * {@link #ownerLink}, {@link #roomLink} and {@link #reshare}.
     *
     * @throws InvalidValueException when the expiry is not in the future, or a value is invalid
     */
    public static Share create(
            ShareId id,
            ItemPath itemPath,
            ItemType itemType,
            Optional<RoomId> roomId,
            ShareToken token,
            Optional<String> passwordHash,
            Optional<Instant> expiresAt,
            SharePermissions permissions,
            Optional<String> label,
            Optional<Long> maxAccesses,
            Instant now,
            UserId createdBy,
            Optional<ShareId> parentId) {
        expiresAt.ifPresent(e -> checkFutureExpiry(e, now));
        return new Share(
                id,
                itemPath,
                itemType,
                roomId,
                token,
                passwordHash,
                expiresAt,
                permissions,
                label,
                maxAccesses,
                0,
                Optional.empty(),
                now,
                createdBy,
                parentId,
                LinkLimits.NONE);
    }

    /** @throws InvalidValueException when {@code expiresAt} is not after {@code now}, or after {@link #MAX_EXPIRY} */
    public static void checkFutureExpiry(Instant expiresAt, Instant now) {
        if (!expiresAt.isAfter(now)) {
            throw new InvalidValueException(Field.EXPIRES_AT, "{field} must be in the future");
        }
        if (expiresAt.isAfter(MAX_EXPIRY)) {
            throw new InvalidValueException(Field.EXPIRES_AT, "{field} must not be later than " + MAX_EXPIRY);
        }
    }

    /** The rules for a label given now: those of every label plus {@link DisplayText#check}. */
    public static void checkLabel(String label) {
        checkStoredLabel(label);
        DisplayText.check(Field.LABEL, label);
    }

    /** What every label follows, also one stored before the rules of new labels grew. */
    private static void checkStoredLabel(String label) {
        if (label.length() > MAX_LABEL_LENGTH) {
            throw new InvalidValueException(Field.LABEL, "{field} must not exceed " + MAX_LABEL_LENGTH + " characters");
        }
        if (label.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(Field.LABEL, "{field} must not contain control characters");
        }
    }

    public static void checkMaxAccesses(long max) {
        if (max < 1) {
            throw new InvalidValueException(Field.MAX_ACCESSES, "{field} must be at least 1");
        }
    }

    public boolean hasPassword() {
        return passwordHash.isPresent();
    }

    public boolean isExpired(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }

    public boolean isExhausted() {
        return maxAccesses.isPresent() && accessCount >= maxAccesses.get();
    }

    /** Whether the link works at {@code now}: not expired and not used up. */
    public boolean isUsable(Instant now) {
        return !isExpired(now) && !isExhausted();
    }

    public boolean isRoomLink() {
        return roomId.isPresent();
    }

    public Share withPasswordHash(Optional<String> hash) {
        return new Share(
                id,
                itemPath,
                itemType,
                roomId,
                token,
                hash,
                expiresAt,
                permissions,
                label,
                maxAccesses,
                accessCount,
                lastAccessedAt,
                createdAt,
                createdBy,
                parentId,
                limits);
    }

    public Share withExpiresAt(Optional<Instant> expiry) {
        return new Share(
                id,
                itemPath,
                itemType,
                roomId,
                token,
                passwordHash,
                expiry,
                permissions,
                label,
                maxAccesses,
                accessCount,
                lastAccessedAt,
                createdAt,
                createdBy,
                parentId,
                limits);
    }

    public Share withPermissions(SharePermissions p) {
        return new Share(
                id,
                itemPath,
                itemType,
                roomId,
                token,
                passwordHash,
                expiresAt,
                p,
                label,
                maxAccesses,
                accessCount,
                lastAccessedAt,
                createdAt,
                createdBy,
                parentId,
                limits);
    }

    public Share withLabel(Optional<String> l) {
        return new Share(
                id,
                itemPath,
                itemType,
                roomId,
                token,
                passwordHash,
                expiresAt,
                permissions,
                l,
                maxAccesses,
                accessCount,
                lastAccessedAt,
                createdAt,
                createdBy,
                parentId,
                limits);
    }

    public Share withMaxAccesses(Optional<Long> max) {
        return new Share(
                id,
                itemPath,
                itemType,
                roomId,
                token,
                passwordHash,
                expiresAt,
                permissions,
                label,
                max,
                accessCount,
                lastAccessedAt,
                createdAt,
                createdBy,
                parentId,
                limits);
    }

    /**
     * The same link with upload limits, which only a link with write may have.
     *
     * @throws InvalidValueException when limits are given to a link without write
     */
    public Share withLimits(LinkLimits l) {
        LinkLimits.check(l, permissions);
        return new Share(
                id,
                itemPath,
                itemType,
                roomId,
                token,
                passwordHash,
                expiresAt,
                permissions,
                label,
                maxAccesses,
                accessCount,
                lastAccessedAt,
                createdAt,
                createdBy,
                parentId,
                l);
    }

    /** The same link on the item now at {@code path} (its item was moved or renamed). */
    public Share withItemPath(ItemPath path) {
        return new Share(
                id,
                path,
                itemType,
                roomId,
                token,
                passwordHash,
                expiresAt,
                permissions,
                label,
                maxAccesses,
                accessCount,
                lastAccessedAt,
                createdAt,
                createdBy,
                parentId,
                limits);
    }

    /** Never prints the token or the hash. */
    @Override
    public String toString() {
        return "Share[" + id + " " + itemType.wireName() + " " + token.logLabel() + "]";
    }
}
