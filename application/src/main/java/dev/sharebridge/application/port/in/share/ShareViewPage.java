package dev.sharebridge.application.port.in.share;

import java.util.List;
import java.util.Optional;

/** One page of a user's share links and the cursor of the next page. */
public record ShareViewPage(List<ShareView> items, Optional<String> nextCursor) {
    public ShareViewPage {
        items = List.copyOf(items);
    }
}
