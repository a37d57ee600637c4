package dev.sharebridge.application.port.in.share;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.user.UserId;
import java.util.Optional;

/**
 * The owner's share-link operations (docs/reference.md §6, the owner's routes). Another user's share is
 * {@link NotFoundException}; bad input is {@code InvalidValueException}.
 */
public interface ManageShareLinksUseCase {
    int MAX_PAGE_SIZE = 200;
    int DEFAULT_PAGE_SIZE = 50;

    /** @throws NotFoundException when the item is not in the owner's space */
    ShareView create(UserId owner, NewShareCommand command) throws NotFoundException, UpstreamUnavailableException;

    ShareViewPage list(UserId owner, Optional<ItemPath> item, int limit, Optional<String> cursor);

    ShareView get(UserId owner, ShareId id) throws NotFoundException;

    ShareView update(UserId owner, ShareId id, ShareUpdate update) throws NotFoundException;

    /** Deletes the link and every link reshared from it. */
    void delete(UserId owner, ShareId id) throws NotFoundException;
}
