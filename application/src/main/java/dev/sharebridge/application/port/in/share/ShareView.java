package dev.sharebridge.application.port.in.share;

import dev.sharebridge.domain.share.Share;
import java.util.Objects;

/** A share as its owner sees it: the share and its public URL ({@code {public_url}/s/{token}}). */
public record ShareView(Share share, String url) {
    public ShareView {
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(url, "url");
    }

    @Override
    public String toString() {
        return "ShareView[" + share + "]";
    }
}
