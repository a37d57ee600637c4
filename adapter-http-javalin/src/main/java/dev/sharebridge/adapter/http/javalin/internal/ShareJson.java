package dev.sharebridge.adapter.http.javalin.internal;

import dev.sharebridge.application.port.in.share.ShareView;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.SharePermissions;
import java.time.Instant;

/** The owner's view of a share link (docs/reference.md §6); never the password or its hash. */
public record ShareJson(
        String id,
        String itemId,
        String itemName,
        String itemType,
        String token,
        String url,
        boolean hasPassword,
        Instant expiresAt,
        PermissionsJson permissions,
        String label,
        Long maxAccesses,
        long accessCount,
        Instant lastAccessedAt,
        Instant createdAt,
        String createdBy,
        String parentId,
        Long maxUploadBytes,
        Long maxFileBytes) {

    /** {@code {read, write, reshare}} both ways. */
    public record PermissionsJson(Boolean read, Boolean write, Boolean reshare) {
        public static PermissionsJson from(SharePermissions p) {
            return new PermissionsJson(p.read(), p.write(), p.reshare());
        }

        /** The permissions these flags ask for; an absent flag is off. */
        public SharePermissions toPermissions() {
            return new SharePermissions(
                    Boolean.TRUE.equals(read), Boolean.TRUE.equals(write), Boolean.TRUE.equals(reshare));
        }
    }

    public static ShareJson from(ShareView view) {
        Share s = view.share();
        return new ShareJson(
                s.id().toString(),
                s.itemPath().relative(),
                s.itemPath().name(),
                s.itemType().wireName(),
                s.token().value(),
                view.url(),
                s.hasPassword(),
                ItemJson.seconds(s.expiresAt().orElse(null)),
                PermissionsJson.from(s.permissions()),
                s.label().orElse(null),
                s.maxAccesses().orElse(null),
                s.accessCount(),
                ItemJson.seconds(s.lastAccessedAt().orElse(null)),
                ItemJson.seconds(s.createdAt()),
                s.createdBy().value(),
                s.parentId().map(Object::toString).orElse(null),
                s.limits().maxUploadBytes().orElse(null),
                s.limits().maxFileBytes().orElse(null));
    }
}
