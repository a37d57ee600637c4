package dev.sharebridge.application.port.out.security;

/**
 * Authenticated symmetric encryption with the server's key (AES-GCM in production), for secrets
 * that must be read back: the generated passwords of meeting-folder links. Also signs grants.
 */
public interface SecretBox {

    /** Encrypts with a fresh nonce; the result is printable (base64) and self-contained. */
    String seal(String plaintext);

    /** @throws IllegalArgumentException when {@code sealed} was not made with this key or was altered */
    String open(String sealed);

    /** A MAC of {@code data} with a key derived from the server key (HMAC-SHA-256, base64url). */
    String mac(String data);
}
