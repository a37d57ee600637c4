package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The keyset position of a listing page: the (created_at, id) of the last share handed out.
 * Opaque to callers (base64url), so its layout can change without breaking them.
 */
record ShareCursor(long createdAt, String id) {
    private static final String VERSION = "1";

    /** Before every share: the first page starts here. */
    static final ShareCursor START = new ShareCursor(Long.MAX_VALUE, "");

    static ShareCursor after(Share share) {
        return new ShareCursor(Instants.toMillis(share.createdAt()), share.id().toString());
    }

    String encode() {
        String plain = VERSION + "." + createdAt + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidValueException (field {@code cursor}) for text that {@link #encode()} did not make */
    static ShareCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\.", -1);
            if (parts.length == 3 && parts[0].equals(VERSION)) {
                long createdAt = Long.parseLong(parts[1]);
                ShareId id = ShareId.parse(parts[2]).orElseThrow(ShareCursor::invalid);
                ShareCursor cursor = new ShareCursor(createdAt, id.toString());
                // only the canonical form is accepted, so a cursor has exactly one spelling
                if (cursor.encode().equals(text)) {
                    return cursor;
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64url, or not a number: the same answer as any other foreign cursor
        }
        throw invalid();
    }

    private static InvalidValueException invalid() {
        return new InvalidValueException(Field.CURSOR, "{field} is not one this listing handed out");
    }
}
