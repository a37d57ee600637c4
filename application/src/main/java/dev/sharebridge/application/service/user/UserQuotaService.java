package dev.sharebridge.application.service.user;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.user.UserQuotaUseCase;
import dev.sharebridge.application.port.out.quota.SpaceAccounting;
import dev.sharebridge.application.service.file.StorageFailures;
import dev.sharebridge.application.service.file.UserSpaces;
import dev.sharebridge.application.service.quota.QuotaSettings;
import dev.sharebridge.application.service.quota.Quotas;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.user.UserId;
import java.util.Objects;
import java.util.OptionalLong;

/** The users' quotas, kept with their used bytes in {@link SpaceAccounting}. */
public final class UserQuotaService implements UserQuotaUseCase {
    private final SpaceAccounting accounting;
    private final StorageProvider files;
    private final QuotaSettings settings;

    public UserQuotaService(SpaceAccounting accounting, StorageProvider files, QuotaSettings settings) {
        this.accounting = Objects.requireNonNull(accounting, "accounting");
        this.files = Objects.requireNonNull(files, "files");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Usage usage(UserId user) throws NotFoundException {
        SpaceAccounting.Usage stored = accounting.usage(user).orElseThrow(() -> noSuchUser(user));
        long quota = stored.quota().orElse(settings.userQuotaBytes());
        return new Usage(
                stored.used(),
                quota == 0 ? OptionalLong.empty() : OptionalLong.of(quota),
                stored.quota().isPresent());
    }

    @Override
    public Usage setQuota(UserId user, OptionalLong quota) throws NotFoundException {
        if (quota.isPresent() && quota.getAsLong() < 0) {
            throw new IllegalArgumentException("a quota is not negative");
        }
        if (!accounting.setQuota(user, quota)) {
            throw noSuchUser(user);
        }
        return usage(user);
    }

    @Override
    public Usage recount(UserId user) throws NotFoundException, UpstreamUnavailableException {
        usage(user);
        long used;
        try {
            used = Quotas.sizeAt(files, UserSpaces.root(user));
        } catch (StorageException e) {
            throw StorageFailures.ofRead(e, ItemPath.root());
        }
        if (!accounting.setUsed(user, used)) {
            throw noSuchUser(user);
        }
        return usage(user);
    }

    private static NotFoundException noSuchUser(UserId user) {
        return new NotFoundException("no such user: " + user);
    }
}
