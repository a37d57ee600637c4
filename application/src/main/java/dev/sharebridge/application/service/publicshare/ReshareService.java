package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.publicshare.ReshareCommand;
import dev.sharebridge.application.port.in.publicshare.ReshareUseCase;
import dev.sharebridge.application.port.in.share.ShareView;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.security.PasswordHasher;
import dev.sharebridge.application.service.share.NewPasswords;
import dev.sharebridge.application.service.share.ShareSettings;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.LinkLimits;
import dev.sharebridge.domain.share.LinkPolicy;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePasswordPolicy;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A visitor's derived link, bounded by the link it comes from (and so by its whole chain). */
final class ReshareService implements ReshareUseCase {
    /** Token collisions are practically impossible with 192 bits; a few retries cost nothing. */
    private static final int INSERT_ATTEMPTS = 3;

    private final LinkGate gate;
    private final ShareRepository shares;
    private final PasswordHasher hasher;
    private final NewPasswords passwords;
    private final Clock clock;
    private final SecureRandom random;
    private final ShareSettings settings;

    ReshareService(
            LinkGate gate,
            ShareRepository shares,
            PasswordHasher hasher,
            NewPasswords passwords,
            Clock clock,
            SecureRandom random,
            ShareSettings settings) {
        this.gate = gate;
        this.shares = shares;
        this.hasher = hasher;
        this.passwords = passwords;
        this.clock = clock;
        this.random = random;
        this.settings = settings;
    }

    @Override
    public ShareView reshare(PublicAccess access, ReshareCommand command)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException {
        Instant now = clock.instant();
        Link link = gate.enter(access, now);
        if (!link.permissions().reshare()) {
            throw new ForbiddenException("this link does not allow resharing");
        }
        if (link.chain().links().size() >= LinkChain.MAX_LENGTH) {
            throw new ForbiddenException("this link has been reshared too often to be reshared again");
        }
        SharePermissions permissions =
                command.permissions().orElseGet(() -> defaultChildPermissions(link.permissions()));
        if (!link.permissions().includes(permissions)) {
            throw new InvalidValueException(
                    Field.PERMISSIONS, "a reshared link cannot have more permissions than its parent");
        }
        Optional<Instant> expiresAt = command.expiresAt().or(() -> link.expiresAt());
        if (command.expiresAt().isPresent()) {
            Instant e = command.expiresAt().get();
            Share.checkFutureExpiry(e, now);
            if (link.expiresAt().isPresent() && e.isAfter(link.expiresAt().get())) {
                throw new InvalidValueException(Field.EXPIRES_AT, "a reshared link cannot expire after its parent");
            }
        }
        command.label().ifPresent(Share::checkLabel);
        LinkLimits.check(command.limits(), permissions);
        Optional<String> password = command.password().map(passwords::checkForm);
        Share parent = link.share();
        ShareToken token = ShareToken.generate(random);
        if (password.isPresent()) {
            List<String> context = new ArrayList<>();
            context.add(link.displayName());
            parent.label().ifPresent(context::add);
            command.label().ifPresent(context::add);
            passwords.checkGuessable(password.get(), List.of(token, parent.token()), context);
        }
        Optional<String> hash = password.map(hasher::hash);
        // No fence here: the child names its parent (a foreign key), so deleting the item, which
        // deletes the parent, deletes the child with it or makes its insert fail.
        for (int attempt = 1; ; attempt++) {
            Share child = Share.reshare(
                            parent,
                            ShareId.random(),
                            token,
                            new LinkPolicy(permissions, hash, expiresAt, Optional.empty(), command.label()),
                            now)
                    .withLimits(command.limits());
            try {
                shares.insert(child);
                return new ShareView(child, settings.linkUrl(child.token()));
            } catch (IllegalStateException e) {
                if (shares.findById(parent.id()).isEmpty()) {
                    // the parent was deleted meanwhile: for the visitor the link is gone
                    throw gate.notFound(access.client(), now);
                }
                if (attempt >= INSERT_ATTEMPTS) {
                    throw e;
                }
                token = ShareToken.generate(random);
                if (password.isPresent()) {
                    SharePasswordPolicy.checkNotToken(password.get(), List.of(token));
                }
            }
        }
    }

    private static SharePermissions defaultChildPermissions(SharePermissions parent) {
        return parent.includes(SharePermissions.DEFAULT)
                ? SharePermissions.DEFAULT
                : new SharePermissions(parent.read(), parent.write(), false);
    }
}
