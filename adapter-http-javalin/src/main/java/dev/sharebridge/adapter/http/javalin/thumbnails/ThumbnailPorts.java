package dev.sharebridge.adapter.http.javalin.thumbnails;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.file.ThumbnailUseCase;
import dev.sharebridge.application.port.in.publicshare.ThumbnailFromShareUseCase;
import java.util.Objects;

/** The driving ports behind the thumbnail routes, the owners' and the links'. */
public record ThumbnailPorts(ThumbnailUseCase owner, ThumbnailFromShareUseCase links) {
    /** For a composition that makes no thumbnails: every file has none (404). */
    public static final ThumbnailPorts NONE = new ThumbnailPorts(
            (user, path) -> {
                throw new NotFoundException("this file has no thumbnail");
            },
            (access, path) -> {
                throw new NotFoundException("this file has no thumbnail");
            });

    public ThumbnailPorts {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(links, "links");
    }
}
