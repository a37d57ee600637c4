package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.publicshare.Visit;
import dev.sharebridge.application.service.file.StorageFailures;
import dev.sharebridge.application.service.file.UserSpaces;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.storage.StorageProvider;
import java.time.Instant;
import java.util.Optional;

/**
 * A usable link with what its whole reshare chain allows, as {@link LinkGate} lets it in; with
 * the live visit of this link the request carries, if any (whose open counted what it does).
 */
record Link(
        LinkChain chain,
        SharePermissions permissions,
        Optional<Instant> expiresAt,
        StorageProvider storage,
        ItemPath root,
        Optional<Visit> visit) {

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
