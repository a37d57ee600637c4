package dev.sharebridge.bootstrap.cli;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.security.ResealSecretsUseCase;
import dev.sharebridge.application.port.in.user.AddUserUseCase;
import dev.sharebridge.application.port.in.user.IssueTokenUseCase;
import dev.sharebridge.application.port.in.user.ListUsersUseCase;
import dev.sharebridge.application.port.in.user.NewUser;
import dev.sharebridge.application.port.in.user.RemoveUserUseCase;
import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An in-memory Instance that records what the CLI did with it. */
final class FakeInstance implements Instance {
    final Map<String, User> users = new TreeMap<>();
    final List<ReadinessCheck> checks = new ArrayList<>();
    int starts;
    int tokensIssued;
    int closes;
    int port = 43210;
    Exception startFailure;

    @Override
    public int start() throws Exception {
        starts++;
        if (startFailure != null) {
            throw startFailure;
        }
        return port;
    }

    @Override
    public AddUserUseCase addUser() {
        return id -> {
            if (users.containsKey(id.value())) {
                throw new ConflictException("a user with this name exists");
            }
            User user = new User(id, "digest-of-" + id, Instant.parse("2026-11-26T10:00:00Z"));
            users.put(id.value(), user);
            return new NewUser(user, "token-for-" + id);
        };
    }

    @Override
    public ListUsersUseCase listUsers() {
        return () -> List.copyOf(users.values());
    }

    final Map<String, java.util.OptionalLong> quotas = new TreeMap<>();

    @Override
    public dev.sharebridge.application.port.in.user.UserQuotaUseCase userQuota() {
        return new dev.sharebridge.application.port.in.user.UserQuotaUseCase() {
            @Override
            public Usage usage(UserId id) throws NotFoundException {
                if (!users.containsKey(id.value())) {
                    throw new NotFoundException("no such user");
                }
                java.util.OptionalLong own = quotas.getOrDefault(id.value(), java.util.OptionalLong.empty());
                boolean none = own.isPresent() && own.getAsLong() == 0;
                return new Usage(42, none ? java.util.OptionalLong.empty() : own, own.isPresent());
            }

            @Override
            public Usage setQuota(UserId id, java.util.OptionalLong quota) throws NotFoundException {
                usage(id);
                quotas.put(id.value(), quota);
                return usage(id);
            }

            @Override
            public Usage recount(UserId id) throws NotFoundException {
                return usage(id);
            }
        };
    }

    @Override
    public RemoveUserUseCase removeUser() {
        return (UserId id) -> {
            if (users.remove(id.value()) == null) {
                throw new NotFoundException("no such user");
            }
        };
    }

    @Override
    public IssueTokenUseCase issueToken() {
        return (UserId id) -> {
            User user = users.get(id.value());
            if (user == null) {
                throw new NotFoundException("no such user");
            }
            tokensIssued++;
            User renewed = new User(id, "digest-of-new-" + id, user.createdAt());
            users.put(id.value(), renewed);
            return new NewUser(renewed, "new-token-for-" + id + "-" + tokensIssued);
        };
    }

    /** What {@link #resealSecrets} answers, or throws when {@link #resealFailure} is set. */
    ResealSecretsUseCase.Resealed resealed = new ResealSecretsUseCase.Resealed("k3yId-Ab", 3, 2);

    RuntimeException resealFailure;
    int reseals;

    @Override
    public ResealSecretsUseCase resealSecrets() {
        return () -> {
            reseals++;
            if (resealFailure != null) {
                throw resealFailure;
            }
            return resealed;
        };
    }

    @Override
    public List<ReadinessCheck> checks() {
        return checks;
    }

    @Override
    public void close() {
        closes++;
    }

    static ReadinessCheck check(String name, Optional<String> problem) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> problem() {
                return problem;
            }
        };
    }
}
