package dev.sharebridge.application.port.out.security;

import java.util.List;
import java.util.Optional;

/**
 * Authenticated symmetric encryption with the server's keys (AES-GCM in production), for secrets
 * that must be read back: the generated passwords of meeting-folder links. Also signs grants.
 *
 * <p>A box holds a keyring: one current key, which seals and signs, and any number of previous
 * keys, which still open and verify what they made, so that a key can be replaced without
 * breaking what is stored or handed out. Every key has a short id, derived from the key and not
 * secret; sealed values name the id of their key, and grants carry it, so that the key is picked
 * by id instead of tried. Values made before key ids existed name none: they are tried with
 * every key, the current one first.
 */
public interface SecretBox {

    /** The id of the current key: 1 to 16 of {@code A-Z a-z 0-9 - _}, the same for the same key everywhere. */
    String keyId();

    /** The ids of every key of the ring, the current one first. */
    List<String> keyIds();

    /** Encrypts with the current key and a fresh nonce; the result is printable, self-contained and names the key. */
    String seal(String plaintext);

    /** @throws IllegalArgumentException when no key of the ring made {@code sealed}, or it was altered */
    String open(String sealed);

    /** Whether {@code sealed} names the current key, so that sealing it anew would change nothing. */
    boolean isSealedWithCurrentKey(String sealed);

    /** A MAC of {@code data} with a key derived from the current key (HMAC-SHA-256, base64url). */
    String mac(String data);

    /** As {@link #mac(String)} with the key of id {@code keyId}; empty when the ring has no such key (any more). */
    Optional<String> mac(String keyId, String data);
}
