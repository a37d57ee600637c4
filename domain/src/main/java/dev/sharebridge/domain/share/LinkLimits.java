package dev.sharebridge.domain.share;

import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import java.util.Objects;
import java.util.Optional;

/**
 * How much a link with write may receive (docs/uploads.md, "Quotas and limits").
 *
 * @param maxUploadBytes the bytes the link may receive in all, over every upload through it
 * @param maxFileBytes the largest file one upload through it may be
 */
public record LinkLimits(Optional<Long> maxUploadBytes, Optional<Long> maxFileBytes) {
    public static final LinkLimits NONE = new LinkLimits(Optional.empty(), Optional.empty());

    public LinkLimits {
        Objects.requireNonNull(maxUploadBytes, "maxUploadBytes");
        Objects.requireNonNull(maxFileBytes, "maxFileBytes");
        maxUploadBytes.ifPresent(n -> checkPositive(Field.MAX_UPLOAD_BYTES, n));
        maxFileBytes.ifPresent(n -> checkPositive(Field.MAX_FILE_BYTES, n));
    }

    /**
     * Limits only for a link with write.
     *
     * @throws InvalidValueException when {@code limits} are given to a link without write
     */
    public static void check(LinkLimits limits, SharePermissions permissions) {
        if (!limits.isNone() && !permissions.write()) {
            throw new InvalidValueException(
                    limits.maxUploadBytes().isPresent() ? Field.MAX_UPLOAD_BYTES : Field.MAX_FILE_BYTES,
                    "{field} is only for links that allow uploads (write)");
        }
    }

    public boolean isNone() {
        return maxUploadBytes.isEmpty() && maxFileBytes.isEmpty();
    }

    private static void checkPositive(Field field, long n) {
        if (n < 1) {
            throw new InvalidValueException(field, "{field} must be at least 1");
        }
    }
}
