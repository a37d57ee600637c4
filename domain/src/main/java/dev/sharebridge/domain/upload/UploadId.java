package dev.sharebridge.domain.upload;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The opaque, unguessable name of a resumable upload in progress: 24 random bytes as 32 characters
 * of unpadded base64url. It is the last segment of the upload's address and the name of its
 * partial file, so it never holds anything but {@code [A-Za-z0-9_-]}.
 */
public record UploadId(String value) {
    private static final int BYTES = 24;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{32}");

    public UploadId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not an upload id");
        }
    }

    public static UploadId random(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new UploadId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The id in {@code text}, or empty when it cannot be one (then no upload has that name). */
    public static Optional<UploadId> parse(String text) {
        return text != null && FORM.matcher(text).matches() ? Optional.of(new UploadId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
