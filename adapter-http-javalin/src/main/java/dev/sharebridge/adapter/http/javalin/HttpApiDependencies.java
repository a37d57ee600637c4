package dev.sharebridge.adapter.http.javalin;

import dev.sharebridge.application.port.in.file.FileUseCases;
import dev.sharebridge.application.port.in.publicshare.PublicShareUseCases;
import dev.sharebridge.application.port.in.share.ManageShareLinksUseCase;
import dev.sharebridge.application.port.in.user.AuthenticateUserUseCase;
import java.util.List;
import java.util.Objects;

/** The driving ports the HTTP API translates requests into, plus the checks behind {@code /health}. */
public record HttpApiDependencies(AuthenticateUserUseCase authenticate, FileUseCases files,
        ManageShareLinksUseCase shares, PublicShareUseCases publicShares, List<HealthCheck> healthChecks) {
    public HttpApiDependencies {
        Objects.requireNonNull(authenticate, "authenticate");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(shares, "shares");
        Objects.requireNonNull(publicShares, "publicShares");
        healthChecks = List.copyOf(healthChecks);
    }
}
