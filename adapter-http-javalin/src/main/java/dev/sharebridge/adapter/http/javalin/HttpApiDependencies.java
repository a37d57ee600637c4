package dev.sharebridge.adapter.http.javalin;

import dev.sharebridge.adapter.http.javalin.health.HealthCheck;
import dev.sharebridge.adapter.http.javalin.signaling.WebSocketSignalingPublisher;
import dev.sharebridge.adapter.http.javalin.uploads.UploadPorts;
import dev.sharebridge.application.port.in.file.FileUseCases;
import dev.sharebridge.application.port.in.room.ManageRoomsUseCase;
import dev.sharebridge.application.port.in.room.MeetingUseCase;
import dev.sharebridge.application.port.in.room.RoomInvitationsUseCase;
import dev.sharebridge.application.port.in.room.RoomModeratorsUseCase;
import dev.sharebridge.application.port.in.room.SharedFolderUseCase;
import dev.sharebridge.application.port.in.share.ManageShareLinksUseCase;
import dev.sharebridge.application.port.in.user.AuthenticateUserUseCase;
import java.util.List;
import java.util.Objects;

/**
 * The driving ports the HTTP API translates requests into, the checks behind {@code /health},
 * and the signaling publisher whose connections the {@code /signaling} WebSocket registers (the
 * same instance the meeting service publishes through).
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
        WebSocketSignalingPublisher signaling) {
    public HttpApiDependencies {
        Objects.requireNonNull(authenticate, "authenticate");
        Objects.requireNonNull(files, "files");
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
    }
}
