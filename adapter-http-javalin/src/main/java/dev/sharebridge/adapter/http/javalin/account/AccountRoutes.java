package dev.sharebridge.adapter.http.javalin.account;

import dev.sharebridge.adapter.http.javalin.internal.Auth;
import dev.sharebridge.adapter.http.javalin.internal.Json;
import dev.sharebridge.application.port.in.user.UserQuotaUseCase;
import dev.sharebridge.domain.user.UserId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/** {@code GET /api/me} (docs/reference.md): the caller's name, used bytes and quota. */
public final class AccountRoutes {
    private final UserQuotaUseCase quotas;
    private final Auth auth;
    private final Json json;

    public AccountRoutes(UserQuotaUseCase quotas, Auth auth, Json json) {
        this.quotas = quotas;
        this.auth = auth;
        this.json = json;
    }

    /** {@code quota_bytes} null is no quota. */
    record MeJson(String user, long usedBytes, @Nullable Long quotaBytes) {}

    public void register(RoutesConfig routes) {
        routes.get("/api/me", this::me);
    }

    private void me(Context ctx) throws Exception {
        UserId user = auth.user(ctx);
        UserQuotaUseCase.Usage usage = quotas.usage(user);
        Long quota = usage.quotaBytes().isPresent() ? usage.quotaBytes().getAsLong() : null;
        json.respond(ctx, 200, new MeJson(user.value(), usage.usedBytes(), quota));
    }
}
