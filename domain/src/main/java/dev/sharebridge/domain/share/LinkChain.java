package dev.sharebridge.domain.share;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A link together with every link it was reshared from, and what the whole chain allows: a
 * reshared link works only while every link above it works, never with more permissions nor a
 * later expiry than any of them, and an access through it is an access through each of them.
 *
 * <p>So a link's {@code maxAccesses} bounds the accesses through it <em>and through every link
 * reshared from it</em>, directly or not: a parent with {@code maxAccesses} of 2 gives two opens
 * in all, whichever of its sub-links they come through. A link's {@code accessCount} counts the
 * same accesses: its own and those of its sub-links.
 *
 * <p>Built from rows read at one moment; the store counts an access against every link of the
 * chain in one atomic step, so a limit reached meanwhile is still respected.
 */
public final class LinkChain {
    /** Reshare chains are short in practice; the cap keeps every walk up the chain bounded. */
    public static final int MAX_LENGTH = 16;

    /** The link first, its parent next, the link that was not reshared from any last. */
    private final List<Share> links;

    private LinkChain(List<Share> links) {
        this.links = links;
    }

    /** A link that was not reshared from another. */
    public static LinkChain of(Share link) {
        if (link.parentId().isPresent()) {
            throw new IllegalArgumentException("share " + link.id() + " has a parent; give the whole chain");
        }
        return new LinkChain(List.of(link));
    }

    /**
     * @param linkFirst the link, then its parent, and so on up to a link without a parent
     * @throws IllegalArgumentException when a link is not the parent of the one before it, the
     *         last one has a parent, or the chain is longer than {@link #MAX_LENGTH}
     */
    public static LinkChain of(List<Share> linkFirst) {
        List<Share> links = List.copyOf(linkFirst);
        if (links.isEmpty() || links.size() > MAX_LENGTH) {
            throw new IllegalArgumentException("a chain has 1 to " + MAX_LENGTH + " links");
        }
        for (int i = 0; i + 1 < links.size(); i++) {
            if (!links.get(i).parentId().equals(Optional.of(links.get(i + 1).id()))) {
                throw new IllegalArgumentException("share " + links.get(i + 1).id() + " is not the parent of "
                        + links.get(i).id());
            }
        }
        if (links.get(links.size() - 1).parentId().isPresent()) {
            throw new IllegalArgumentException("the chain does not reach a link without a parent");
        }
        return new LinkChain(links);
    }

    /** The link the visitor holds. */
    public Share link() {
        return links.get(0);
    }

    /** The link first, then its ancestors. */
    public List<Share> links() {
        return links;
    }

    /** The link that was not reshared from any first, the visitor's link last. */
    public List<Share> rootFirst() {
        List<Share> reversed = new ArrayList<>(links);
        Collections.reverse(reversed);
        return reversed;
    }

    /** How many links the link was reshared through: 0 for a link that was not reshared. */
    public int depth() {
        return links.size() - 1;
    }

    /** What every link of the chain allows. */
    public SharePermissions permissions() {
        boolean read = true;
        boolean write = true;
        boolean reshare = true;
        for (Share s : links) {
            read &= s.permissions().read();
            write &= s.permissions().write();
            reshare &= s.permissions().reshare();
        }
        return new SharePermissions(read, write, reshare);
    }

    /** The earliest expiry in the chain. */
    public Optional<Instant> expiresAt() {
        Optional<Instant> earliest = Optional.empty();
        for (Share s : links) {
            if (s.expiresAt().isPresent()
                    && (earliest.isEmpty() || s.expiresAt().get().isBefore(earliest.get()))) {
                earliest = s.expiresAt();
            }
        }
        return earliest;
    }

    /** Whether every link of the chain works at {@code now}: none expired, none used up. */
    public boolean isUsable(Instant now) {
        return links.stream().allMatch(s -> s.isUsable(now));
    }

    /** Whether no link of the chain has expired at {@code now} (used up or not). */
    public boolean isAlive(Instant now) {
        return links.stream().noneMatch(s -> s.isExpired(now));
    }

    /** Whether some link of the chain has had all of its {@code maxAccesses}. */
    public boolean isUsedUp() {
        return links.stream().anyMatch(Share::isExhausted);
    }

    /** Whether some link of the chain has {@code maxAccesses}, so that its accesses must be counted exactly. */
    public boolean isLimited() {
        return links.stream().anyMatch(s -> s.maxAccesses().isPresent());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkChain other && links.equals(other.links);
    }

    @Override
    public int hashCode() {
        return Objects.hash(links);
    }

    @Override
    public String toString() {
        return "LinkChain" + links.stream().map(s -> s.id().toString()).toList();
    }
}
