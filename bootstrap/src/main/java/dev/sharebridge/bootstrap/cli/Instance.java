package dev.sharebridge.bootstrap.cli;

import dev.sharebridge.application.port.in.security.ResealSecretsUseCase;
import dev.sharebridge.application.port.in.user.AddUserUseCase;
import dev.sharebridge.application.port.in.user.IssueTokenUseCase;
import dev.sharebridge.application.port.in.user.ListUsersUseCase;
import dev.sharebridge.application.port.in.user.RemoveUserUseCase;
import dev.sharebridge.application.port.in.user.UserQuotaUseCase;
import java.util.List;

/**
 * One wired Sharebridge for one configuration, as the CLI sees it: the HTTP server to start, the
 * user use cases, re-sealing for a key rotation, and the readiness checks. Made by a {@link Launcher}; closing it stops the
 * server (if started) and releases the database and every other resource.
 */
public interface Instance extends AutoCloseable {

    /** Starts serving HTTP. @return the port actually bound (useful when configured as 0) */
    int start() throws Exception;

    AddUserUseCase addUser();

    ListUsersUseCase listUsers();

    /** The users' quotas ({@code users quota}). */
    UserQuotaUseCase userQuota();

    RemoveUserUseCase removeUser();

    IssueTokenUseCase issueToken();

    /** Seals the stored secrets anew with the current server key ({@code rotate-key}). */
    ResealSecretsUseCase resealSecrets();

    /** What {@code check-config} verifies beyond the file: database, storage, NextCloud. */
    List<ReadinessCheck> checks();

    /** Stops and releases everything; safe to call more than once. */
    @Override
    void close();
}
