package dev.sharebridge.adapter.http.javalin;

import dev.sharebridge.adapter.http.javalin.health.HealthCheck;
import dev.sharebridge.adapter.http.javalin.signaling.WebSocketSignalingPublisher;
import dev.sharebridge.adapter.http.javalin.thumbnails.ThumbnailPorts;
import dev.sharebridge.adapter.http.javalin.uploads.UploadPorts;
import dev.sharebridge.application.dav.InMemoryDavLocks;
import dev.sharebridge.application.dav.InMemoryDeadProperties;
import dev.sharebridge.application.port.in.file.FileUseCases;
import dev.sharebridge.application.port.in.room.ManageRoomsUseCase;
import dev.sharebridge.application.port.in.room.MeetingUseCase;
import dev.sharebridge.application.port.in.room.RoomInvitationsUseCase;
import dev.sharebridge.application.port.in.room.RoomModeratorsUseCase;
import dev.sharebridge.application.port.in.room.SharedFolderUseCase;
import dev.sharebridge.application.port.in.share.ManageShareLinksUseCase;
import dev.sharebridge.application.port.in.user.AuthenticateUserUseCase;
import dev.sharebridge.application.port.in.user.UserQuotaUseCase;
import dev.sharebridge.application.port.out.dav.DavLockStore;
import dev.sharebridge.application.port.out.dav.DeadPropertyStore;
import java.util.List;
import java.util.Objects;

/**
 * The driving ports the HTTP API translates requests into, the checks behind {@code /health},
 * and the signaling publisher whose connections the {@code /signaling} WebSocket registers (the
 * same instance the meeting service publishes through), and where WebDAV keeps its locks and
 * dead properties (shared by every instance on one database, docs/webdav.md), and the thumbnails.
 */
public record HttpApiDependencies(
        AuthenticateUserUseCase authenticate,
        FileUseCases files,
        ManageShareLinksUseCase shares,
        PublicSharePorts publicShares,
        UploadPorts uploads,
        List<HealthCheck> healthChecks,
        ManageRoomsUseCase rooms,
        RoomInvitationsUseCase invitations,
        RoomModeratorsUseCase moderators,
        SharedFolderUseCase sharedFolders,
        MeetingUseCase meetings,
        WebSocketSignalingPublisher signaling,
        DavLockStore davLocks,
        DeadPropertyStore deadProperties,
        ThumbnailPorts thumbnails,
        UserQuotaUseCase quotas) {
    /** Without thumbnails ({@link ThumbnailPorts#NONE}: every file has none) nor quotas. */
    public HttpApiDependencies(
            AuthenticateUserUseCase authenticate,
            FileUseCases files,
            ManageShareLinksUseCase shares,
            PublicSharePorts publicShares,
            UploadPorts uploads,
            List<HealthCheck> healthChecks,
            ManageRoomsUseCase rooms,
            RoomInvitationsUseCase invitations,
            RoomModeratorsUseCase moderators,
            SharedFolderUseCase sharedFolders,
            MeetingUseCase meetings,
            WebSocketSignalingPublisher signaling,
            DavLockStore davLocks,
            DeadPropertyStore deadProperties) {
        this(
                authenticate,
                files,
                shares,
                publicShares,
                uploads,
                healthChecks,
                rooms,
                invitations,
                moderators,
                sharedFolders,
                meetings,
                signaling,
                davLocks,
                deadProperties,
                ThumbnailPorts.NONE,
                NO_QUOTAS);
    }

    private static final UserQuotaUseCase.Usage NOTHING_COUNTED =
            new UserQuotaUseCase.Usage(0, java.util.OptionalLong.empty(), false);

    /** What a composition without quotas answers. */
    private static final UserQuotaUseCase NO_QUOTAS = new UserQuotaUseCase() {
        @Override
        public Usage usage(dev.sharebridge.domain.user.UserId user) {
            return NOTHING_COUNTED;
        }

        @Override
        public Usage setQuota(dev.sharebridge.domain.user.UserId user, java.util.OptionalLong quota) {
            throw new UnsupportedOperationException("this composition has no quotas");
        }

        @Override
        public Usage recount(dev.sharebridge.domain.user.UserId user) {
            return NOTHING_COUNTED;
        }
    };

    /** With the WebDAV locks and dead properties in this process's memory (one instance). */
    public HttpApiDependencies(
            AuthenticateUserUseCase authenticate,
            FileUseCases files,
            ManageShareLinksUseCase shares,
            PublicSharePorts publicShares,
            UploadPorts uploads,
            List<HealthCheck> healthChecks,
            ManageRoomsUseCase rooms,
            RoomInvitationsUseCase invitations,
            RoomModeratorsUseCase moderators,
            SharedFolderUseCase sharedFolders,
            MeetingUseCase meetings,
            WebSocketSignalingPublisher signaling) {
        this(
                authenticate,
                files,
                shares,
                publicShares,
                uploads,
                healthChecks,
                rooms,
                invitations,
                moderators,
                sharedFolders,
                meetings,
                signaling,
                new InMemoryDavLocks(),
                new InMemoryDeadProperties());
    }

    public HttpApiDependencies {
        Objects.requireNonNull(authenticate, "authenticate");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(quotas, "quotas");
        Objects.requireNonNull(shares, "shares");
        Objects.requireNonNull(publicShares, "publicShares");
        Objects.requireNonNull(uploads, "uploads");
        healthChecks = List.copyOf(healthChecks);
        Objects.requireNonNull(rooms, "rooms");
        Objects.requireNonNull(invitations, "invitations");
        Objects.requireNonNull(moderators, "moderators");
        Objects.requireNonNull(sharedFolders, "sharedFolders");
        Objects.requireNonNull(meetings, "meetings");
        Objects.requireNonNull(signaling, "signaling");
        Objects.requireNonNull(davLocks, "davLocks");
        Objects.requireNonNull(deadProperties, "deadProperties");
        Objects.requireNonNull(thumbnails, "thumbnails");
    }
}
