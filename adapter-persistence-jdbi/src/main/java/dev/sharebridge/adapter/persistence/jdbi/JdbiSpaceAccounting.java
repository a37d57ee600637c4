package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.quota.SpaceAccounting;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.user.UserId;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link SpaceAccounting} on the {@code used_bytes} and {@code quota_bytes} columns of {@code users}
 * and {@code received_bytes} of {@code shares}: each reservation is a single conditional UPDATE,
 * which the database serializes on the row, so several instances never overshoot.
 */
final class JdbiSpaceAccounting implements SpaceAccounting {
    static final String RESERVE = """
            UPDATE users SET used_bytes = used_bytes + :n
             WHERE id = :id
               AND (COALESCE(quota_bytes, :def) = 0 OR used_bytes + :n <= COALESCE(quota_bytes, :def))
            """;
    static final String RELEASE =
            "UPDATE users SET used_bytes = CASE WHEN used_bytes > :n THEN used_bytes - :n ELSE 0 END WHERE id = :id";
    static final String RESERVE_LINK = """
            UPDATE shares SET received_bytes = received_bytes + :n
             WHERE id = :id AND (max_upload_bytes IS NULL OR received_bytes + :n <= max_upload_bytes)
            """;
    static final String RELEASE_LINK = "UPDATE shares SET received_bytes = "
            + "CASE WHEN received_bytes > :n THEN received_bytes - :n ELSE 0 END WHERE id = :id";

    private final Jdbi jdbi;

    JdbiSpaceAccounting(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean reserve(UserId user, long bytes, long defaultQuota) {
        return jdbi.withHandle(h -> h.createUpdate(RESERVE)
                        .bind("n", bytes)
                        .bind("id", user.value())
                        .bind("def", defaultQuota)
                        .execute())
                > 0;
    }

    @Override
    public void release(UserId user, long bytes) {
        jdbi.useHandle(h -> h.createUpdate(RELEASE)
                .bind("n", bytes)
                .bind("id", user.value())
                .execute());
    }

    @Override
    public boolean reserveLink(ShareId link, long bytes) {
        return jdbi.withHandle(h -> h.createUpdate(RESERVE_LINK)
                        .bind("n", bytes)
                        .bind("id", link.toString())
                        .execute())
                > 0;
    }

    @Override
    public void releaseLink(ShareId link, long bytes) {
        jdbi.useHandle(h -> h.createUpdate(RELEASE_LINK)
                .bind("n", bytes)
                .bind("id", link.toString())
                .execute());
    }

    @Override
    public boolean setQuota(UserId user, OptionalLong quota) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE users SET quota_bytes = :q WHERE id = :id")
                        .bind("q", quota.isPresent() ? Long.valueOf(quota.getAsLong()) : null)
                        .bind("id", user.value())
                        .execute())
                > 0;
    }

    @Override
    public boolean setUsed(UserId user, long used) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE users SET used_bytes = :u WHERE id = :id")
                        .bind("u", used)
                        .bind("id", user.value())
                        .execute())
                > 0;
    }

    @Override
    public Optional<Usage> usage(UserId user) {
        return jdbi.withHandle(h -> h.createQuery("SELECT used_bytes, quota_bytes FROM users WHERE id = :id")
                .bind("id", user.value())
                .map((rs, ctx) -> {
                    long used = rs.getLong(1);
                    long quota = rs.getLong(2);
                    return new Usage(used, rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(quota));
                })
                .findOne());
    }
}
