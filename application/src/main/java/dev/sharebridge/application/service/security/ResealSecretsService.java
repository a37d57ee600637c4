package dev.sharebridge.application.service.security;

import dev.sharebridge.application.port.in.security.ResealSecretsUseCase;
import dev.sharebridge.application.port.out.room.SharedFolderRepository;
import dev.sharebridge.application.port.out.security.SecretBox;
import java.util.Objects;

/**
 * Re-seals the stored secrets with the current key of the {@link SecretBox} the repositories seal
 * with. The shared folders' passwords are the only sealed secrets; their repository re-seals them
 * in one transaction, because it alone knows their stored form.
 */
public final class ResealSecretsService implements ResealSecretsUseCase {
    private final SharedFolderRepository folders;
    private final SecretBox secrets;

    /** @param secrets the box {@code folders} seals with (for the id of its current key) */
    public ResealSecretsService(SharedFolderRepository folders, SecretBox secrets) {
        this.folders = Objects.requireNonNull(folders, "folders");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public Resealed reseal() {
        SharedFolderRepository.Resealed done = folders.resealPasswords();
        return new Resealed(secrets.keyId(), done.folders(), done.resealed());
    }
}
