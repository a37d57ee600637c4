package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.limits.InMemoryFailureBudgets;
import dev.sharebridge.application.port.in.file.TransferItemUseCase;
import dev.sharebridge.application.port.in.publicshare.BrowseShareUseCase;
import dev.sharebridge.application.port.in.publicshare.ChangeSharedContentUseCase;
import dev.sharebridge.application.port.in.publicshare.DownloadFromShareUseCase;
import dev.sharebridge.application.port.in.publicshare.OpenShareUseCase;
import dev.sharebridge.application.port.in.publicshare.ReshareUseCase;
import dev.sharebridge.application.port.in.publicshare.ThumbnailFromShareUseCase;
import dev.sharebridge.application.port.in.publicshare.VerifySharePasswordUseCase;
import dev.sharebridge.application.port.in.upload.LinkUploadsUseCase;
import dev.sharebridge.application.port.out.limits.FailureBudgets;
import dev.sharebridge.application.port.out.persistence.DeletionFence;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.security.PasswordHasher;
import dev.sharebridge.application.port.out.security.PasswordStrength;
import dev.sharebridge.application.port.out.security.SecretBox;
import dev.sharebridge.application.service.file.Deletions;
import dev.sharebridge.application.service.file.Thumbnails;
import dev.sharebridge.application.service.quota.Quotas;
import dev.sharebridge.application.service.share.NewPasswords;
import dev.sharebridge.application.service.share.ShareSettings;
import dev.sharebridge.application.service.upload.UploadEngine;
import dev.sharebridge.domain.storage.StorageProvider;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The public-link use cases, wired once: one service per driving port, all behind one
 * {@link LinkGate}, so that they share the grants, the lookup of a link's chain and the one
 * not-found budget per client across every public route. Build one per server (or embedding
 * application). The budgets of failures are kept in {@link FailureBudgets}: in this process's
 * memory unless given, or shared by every instance on one database (the server on PostgreSQL).
 */
public final class PublicShareServices {
    /** The one answer for a link that does not exist, was deleted, has expired or is used up. */
    public static final String NOT_FOUND = LinkGate.NOT_FOUND;

    private final OpenShareService open;
    private final VerifySharePasswordService verify;
    private final BrowseShareService browse;
    private final DownloadFromShareService download;
    private final ChangeSharedContentService change;
    private final ReshareService reshare;
    private final LinkGate gate;
    private final Clock clock;

    /** For deployments whose room links live on the same storage as the user spaces. */
    public PublicShareServices(
            ShareRepository shares,
            StorageProvider files,
            PasswordHasher hasher,
            PasswordStrength strength,
            DeletionFence fence,
            SecretBox secrets,
            Clock clock,
            SecureRandom random,
            ShareSettings settings) {
        this(shares, files, files, hasher, strength, fence, secrets, clock, random, settings);
    }

    /** With the budgets of failures in this process's memory ({@link InMemoryFailureBudgets}). */
    public PublicShareServices(
            ShareRepository shares,
            StorageProvider files,
            StorageProvider roomFiles,
            PasswordHasher hasher,
            PasswordStrength strength,
            DeletionFence fence,
            SecretBox secrets,
            Clock clock,
            SecureRandom random,
            ShareSettings settings) {
        this(
                shares,
                files,
                roomFiles,
                hasher,
                strength,
                fence,
                secrets,
                clock,
                random,
                settings,
                new InMemoryFailureBudgets());
    }

    /**
     * @param files the storage of the user spaces (links without a room)
     * @param roomFiles the shared-folder storage; links of a room have paths relative to its root
     * @param budgets where the budgets of wrong passwords and not-found answers are kept
     */
    public PublicShareServices(
            ShareRepository shares,
            StorageProvider files,
            StorageProvider roomFiles,
            PasswordHasher hasher,
            PasswordStrength strength,
            DeletionFence fence,
            SecretBox secrets,
            Clock clock,
            SecureRandom random,
            ShareSettings settings,
            FailureBudgets budgets) {
        this(shares, files, roomFiles, hasher, strength, fence, secrets, clock, random, settings, budgets, null);
    }

    /**
     * @param ownerMoves the owners' move (FileService): a move through a link is the owner's move,
     *     so the links on the moved items follow them; null for a composition without one, where
     *     an item with links is not moved through a link
     */
    public PublicShareServices(
            ShareRepository shares,
            StorageProvider files,
            StorageProvider roomFiles,
            PasswordHasher hasher,
            PasswordStrength strength,
            DeletionFence fence,
            SecretBox secrets,
            Clock clock,
            SecureRandom random,
            ShareSettings settings,
            FailureBudgets budgets,
            @Nullable TransferItemUseCase ownerMoves) {
        this(
                shares,
                files,
                roomFiles,
                hasher,
                strength,
                fence,
                secrets,
                clock,
                random,
                settings,
                budgets,
                ownerMoves,
                Quotas.unlimited());
    }

    /** @param quotas the owners' quotas and the links' limits (docs/uploads.md, "Quotas and limits") */
    public PublicShareServices(
            ShareRepository shares,
            StorageProvider files,
            StorageProvider roomFiles,
            PasswordHasher hasher,
            PasswordStrength strength,
            DeletionFence fence,
            SecretBox secrets,
            Clock clock,
            SecureRandom random,
            ShareSettings settings,
            FailureBudgets budgets,
            @Nullable TransferItemUseCase ownerMoves,
            Quotas quotas) {
        Objects.requireNonNull(shares, "shares");
        Objects.requireNonNull(quotas, "quotas");
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(budgets, "budgets");
        Grants grants = new Grants(Objects.requireNonNull(secrets, "secrets"), random);
        LinkGate gate = new LinkGate(
                shares,
                Objects.requireNonNull(files, "files"),
                Objects.requireNonNull(roomFiles, "roomFiles"),
                grants,
                new Visits(secrets, random, settings.visitTtl()),
                settings,
                budgets);
        this.gate = gate;
        this.clock = clock;
        this.open = new OpenShareService(gate, clock);
        this.verify = new VerifySharePasswordService(
                gate, grants, hasher, clock, settings, budgets, new RememberedPasswords(random));
        this.browse = new BrowseShareService(gate, clock);
        this.download = new DownloadFromShareService(gate, clock);
        this.change = new ChangeSharedContentService(
                gate, shares, new Deletions(fence, clock), clock, Optional.ofNullable(ownerMoves), quotas);
        this.reshare = new ReshareService(gate, shares, hasher, new NewPasswords(strength), clock, random, settings);
    }

    public OpenShareUseCase open() {
        return open;
    }

    public VerifySharePasswordUseCase verify() {
        return verify;
    }

    public BrowseShareUseCase browse() {
        return browse;
    }

    public DownloadFromShareUseCase download() {
        return download;
    }

    public ChangeSharedContentUseCase change() {
        return change;
    }

    public ReshareUseCase reshare() {
        return reshare;
    }

    /**
     * Thumbnails through links, made and kept by {@code thumbnails} (the one the owners' thumbnails
     * use too), behind the same gate as every other public use case; no access is counted.
     */
    public ThumbnailFromShareUseCase thumbnails(Thumbnails thumbnails) {
        return new ThumbnailFromShareService(gate, Objects.requireNonNull(thumbnails, "thumbnails"), clock);
    }

    /**
     * Resumable uploads through links, over {@code engine} (the one the owner's uploads use too),
     * behind the same gate as every other public use case.
     */
    public LinkUploadsUseCase uploads(UploadEngine engine) {
        return new LinkUploadService(gate, Objects.requireNonNull(engine, "engine"), clock);
    }
}
