package dev.sharebridge.adapter.http.javalin.dav;

import dev.sharebridge.application.port.in.publicshare.BrowseShareUseCase;
import dev.sharebridge.application.port.in.publicshare.ChangeSharedContentUseCase;
import dev.sharebridge.application.port.in.publicshare.DownloadFromShareUseCase;
import dev.sharebridge.application.port.in.publicshare.OpenShareUseCase;
import dev.sharebridge.application.port.in.publicshare.VerifySharePasswordUseCase;
import java.util.Objects;

/** The public share-link use cases behind the link space {@code /dav/s/{token}/}, one per port. */
public record LinkPorts(
        OpenShareUseCase open,
        VerifySharePasswordUseCase verify,
        BrowseShareUseCase browse,
        DownloadFromShareUseCase download,
        ChangeSharedContentUseCase change) {
    public LinkPorts {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(verify, "verify");
        Objects.requireNonNull(browse, "browse");
        Objects.requireNonNull(download, "download");
        Objects.requireNonNull(change, "change");
    }
}
