package dev.sharebridge.application.port.in.security;

/**
 * The step of a key rotation that moves what is stored onto the new key: every stored sealed
 * secret (the link passwords of the rooms' shared folders) is sealed anew with the current key,
 * so that the previous key can be dropped. Safe to repeat: what is sealed with the current key
 * already stays as it is.
 */
public interface ResealSecretsUseCase {

    /**
     * @param keyId   the id of the current key, which sealed everything now
     * @param folders the shared folders whose link passwords are stored
     * @param resealed how many of them were sealed with another key (or before key ids) and are now sealed anew
     */
    record Resealed(String keyId, int folders, int resealed) {}

    /** @throws IllegalStateException when a stored secret opens with no configured key; then nothing changed */
    Resealed reseal();
}
