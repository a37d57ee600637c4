package dev.sharebridge.application.port.out.persistence;

import dev.sharebridge.domain.share.LinkChain;
import java.time.Instant;
import java.util.Objects;

/**
 * One access through the chain's link, to be counted against every link of the chain at
 * {@code at} (see {@link ShareRepository#recordAccesses}).
 */
public record LinkAccess(LinkChain chain, Instant at) {
    public LinkAccess {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(at, "at");
    }
}
