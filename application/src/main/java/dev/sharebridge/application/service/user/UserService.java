package dev.sharebridge.application.service.user;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UnauthorizedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.user.AddUserUseCase;
import dev.sharebridge.application.port.in.user.AuthenticateUserUseCase;
import dev.sharebridge.application.port.in.user.IssueTokenUseCase;
import dev.sharebridge.application.port.in.user.ListUsersUseCase;
import dev.sharebridge.application.port.in.user.NewUser;
import dev.sharebridge.application.port.in.user.RemoveUserUseCase;
import dev.sharebridge.application.port.out.persistence.DeletionFence;
import dev.sharebridge.application.port.out.persistence.DeletionFence.Scope;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.persistence.UserRepository;
import dev.sharebridge.application.service.file.Deletions;
import dev.sharebridge.application.service.file.StorageFailures;
import dev.sharebridge.application.service.file.UserSpaces;
import dev.sharebridge.domain.TokenDigest;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/** Adds, lists, removes and authenticates the users who own files and share links, and renews their tokens. */
public final class UserService
        implements AddUserUseCase, ListUsersUseCase, RemoveUserUseCase, AuthenticateUserUseCase, IssueTokenUseCase {
    static final String TOKEN_PREFIX = "sb_";
    static final int TOKEN_BYTES = 32;
    /** "sb_" and 43 characters of unpadded base64url. */
    static final int TOKEN_LENGTH = TOKEN_PREFIX.length() + 43;

    private final UserRepository users;
    private final ShareRepository shares;
    private final StorageProvider files;
    private final Clock clock;
    private final SecureRandom random;
    private final Deletions deletions;

    public UserService(
            UserRepository users,
            ShareRepository shares,
            StorageProvider files,
            DeletionFence fence,
            Clock clock,
            SecureRandom random) {
        this.users = Objects.requireNonNull(users, "users");
        this.shares = Objects.requireNonNull(shares, "shares");
        this.files = Objects.requireNonNull(files, "files");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.deletions = new Deletions(fence, clock);
    }

    @Override
    public NewUser add(UserId id) throws ConflictException {
        String token = newToken();
        User user = new User(id, TokenDigest.digest(token), clock.instant());
        if (!users.add(user)) {
            throw new ConflictException("a user named " + id + " already exists");
        }
        // the space folder is made on first use by the file service, so adding works even while
        // the storage is down (e.g. from the CLI)
        return new NewUser(user, token);
    }

    /** The stored digest is replaced in one statement, so the old token fails from the next request on. */
    @Override
    public NewUser issueToken(UserId id) throws NotFoundException {
        String token = newToken();
        String digest = TokenDigest.digest(token);
        if (!users.replaceTokenHash(id, digest)) {
            throw new NotFoundException("no user named " + id);
        }
        User user = users.findById(id).orElseThrow(() -> new NotFoundException("no user named " + id));
        return new NewUser(user, token);
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public List<User> list() {
        return users.list();
    }

    /**
     * Deletes the user's share links first, then their files, then the links once more and the
     * user, all while the deletion of the whole space is announced on the fence (no link can be
     * made in it meanwhile). Links go first so that no link can ever point at deleted (or later
     * re-created) files; if the storage fails, the user stays and removing again finishes the job.
     */
    @Override
    public void remove(UserId id) throws NotFoundException, UpstreamUnavailableException {
        if (users.findById(id).isEmpty()) {
            throw new NotFoundException("no user named " + id);
        }
        // the whole space is announced, so no link can be made in it until the user is gone
        try (Deletions.Announced announced = deletions.announce(Scope.userSpace(id), ItemPath.root())) {
            shares.deleteByOwner(id);
            try {
                files.delete(UserSpaces.root(id));
            } catch (StorageUnavailableException e) {
                throw StorageFailures.upstream(e);
            } catch (StorageException e) {
                // not found, rejected or in conflict: nothing of the space is left to remove
            }
            shares.deleteByOwner(id);
            users.remove(id);
        }
    }

    @Override
    public UserId authenticate(String bearerToken) throws UnauthorizedException {
        // cheap shape check first: garbage never reaches the database
        if (bearerToken == null || bearerToken.length() != TOKEN_LENGTH || !bearerToken.startsWith(TOKEN_PREFIX)) {
            throw invalid();
        }
        return users.findByTokenHash(TokenDigest.digest(bearerToken))
                .map(User::id)
                .orElseThrow(UserService::invalid);
    }

    private static UnauthorizedException invalid() {
        return new UnauthorizedException("missing or invalid API token");
    }
}
