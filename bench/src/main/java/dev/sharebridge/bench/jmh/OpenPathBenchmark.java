package dev.sharebridge.bench.jmh;

import dev.sharebridge.adapter.persistence.jdbi.JdbiPersistence;
import dev.sharebridge.adapter.storage.local.LocalStorageProvider;
import dev.sharebridge.application.port.in.publicshare.OpenShareUseCase;
import dev.sharebridge.application.port.in.publicshare.OpenedShare;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.service.file.UserSpaces;
import dev.sharebridge.application.service.publicshare.PublicShareServices;
import dev.sharebridge.application.service.share.ShareSettings;
import dev.sharebridge.bootstrap.security.AesGcmSecretBox;
import dev.sharebridge.bootstrap.security.BcryptPasswordHasher;
import dev.sharebridge.bootstrap.security.ZxcvbnPasswordStrength;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.LinkPolicy;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process pieces of {@code GET /api/s/{token}} on the embedded default (H2 file database,
 * local storage): the token lookup, the counted access, and the whole use case. Shows where the
 * time of an open goes without HTTP in the way.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class OpenPathBenchmark {
    private Path dir;
    private JdbiPersistence persistence;
    private ShareRepository shares;
    private OpenShareUseCase service;
    private Share share;
    private PublicAccess access;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("sharebridge-jmh");
        persistence = JdbiPersistence.open("jdbc:h2:file:" + dir.resolve("db/sharebridge"), "", "");
        shares = persistence.shares();
        LocalStorageProvider files = new LocalStorageProvider(dir.resolve("files"));
        UserId owner = UserId.of("bench");
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        files.makeFolder(UserSpaces.toStorage(owner, ItemPath.root()));
        files.write(
                UserSpaces.toStorage(owner, ItemPath.of("hello.txt")),
                new ByteArrayInputStream("hello world\n".getBytes(StandardCharsets.UTF_8)));
        persistence.users().add(new User(owner, "x".repeat(64), Instant.now()));
        share = Share.ownerLink(
                ShareId.random(),
                ShareToken.generate(random),
                owner,
                ItemPath.of("hello.txt"),
                ItemType.FILE,
                LinkPolicy.of(SharePermissions.DEFAULT),
                clock.instant());
        shares.insert(share);
        byte[] key = new byte[32];
        random.nextBytes(key);
        service = new PublicShareServices(
                        shares,
                        files,
                        new BcryptPasswordHasher(4, random),
                        new ZxcvbnPasswordStrength(),
                        persistence.deletionFence(),
                        new AesGcmSecretBox(key, random),
                        clock,
                        random,
                        ShareSettings.defaults("http://127.0.0.1:1"))
                .open();
        access = new PublicAccess(share.token().value(), Optional.empty(), "127.0.0.1");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        persistence.close();
    }

    @Benchmark
    public Optional<Share> lookup() {
        return shares.findByToken(share.token());
    }

    @Benchmark
    public boolean countAccess() {
        return shares.recordAccess(LinkChain.of(share), Instant.now());
    }

    @Benchmark
    public OpenedShare open() throws Exception {
        return service.open(access);
    }
}
