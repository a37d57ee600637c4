package dev.sharebridge.application.port.out.persistence;

import dev.sharebridge.domain.share.Share;
import java.util.List;
import java.util.Optional;

/** One page of shares and the opaque cursor of the next page (empty on the last page). */
public record SharePage(List<Share> items, Optional<String> nextCursor) {
    public SharePage {
        items = List.copyOf(items);
    }
}
