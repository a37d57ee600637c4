package dev.sharebridge.adapter.http.javalin.uploads;

import dev.sharebridge.application.port.in.upload.LinkUploadsUseCase;
import dev.sharebridge.application.port.in.upload.OwnerUploadsUseCase;
import java.util.Objects;

/**
 * The driving ports behind the tus routes, and the largest upload the server takes (announced as
 * {@code Tus-Max-Size}; the use cases enforce it).
 */
public record UploadPorts(OwnerUploadsUseCase owner, LinkUploadsUseCase links, long maxBytes) {
    public UploadPorts {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(links, "links");
    }
}
