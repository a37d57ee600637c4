package dev.sharebridge.adapter.http.javalin;

import dev.sharebridge.application.port.in.publicshare.BrowseShareUseCase;
import dev.sharebridge.application.port.in.publicshare.ChangeSharedContentUseCase;
import dev.sharebridge.application.port.in.publicshare.DownloadFromShareUseCase;
import dev.sharebridge.application.port.in.publicshare.OpenShareUseCase;
import dev.sharebridge.application.port.in.publicshare.ReshareUseCase;
import dev.sharebridge.application.port.in.publicshare.VerifySharePasswordUseCase;
import java.util.Objects;

/** The driving ports behind the public routes under {@code /api/s/{token}}, one per use case. */
public record PublicSharePorts(
        OpenShareUseCase open,
        VerifySharePasswordUseCase verify,
        BrowseShareUseCase browse,
        DownloadFromShareUseCase download,
        ChangeSharedContentUseCase change,
        ReshareUseCase reshare) {
    public PublicSharePorts {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(verify, "verify");
        Objects.requireNonNull(browse, "browse");
        Objects.requireNonNull(download, "download");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(reshare, "reshare");
    }
}
