package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.port.in.publicshare.Grant;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.service.share.ShareSettings;
import dev.sharebridge.application.testing.FakePasswordHasher;
import dev.sharebridge.application.testing.FakePasswordStrength;
import dev.sharebridge.application.testing.FakeSecretBox;
import dev.sharebridge.application.testing.InMemoryDeletionFence;
import dev.sharebridge.application.testing.InMemoryShareRepository;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.application.testing.MutableClock;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.user.UserId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;

/** The world the public-link services are tested in: in-memory ports, one owner, a few files. */
abstract class PublicShareFixture {
    static final String PASSWORD = "correct horse battery";
    static final String CLIENT = "203.0.113.7";
    final MutableClock clock = MutableClock.at("2026-01-01T10:00:00Z");
    final InMemoryShareRepository shares = new InMemoryShareRepository();
    final InMemoryStorageProvider files = new InMemoryStorageProvider(clock);
    final InMemoryStorageProvider roomFiles = new InMemoryStorageProvider(clock);
    final FakePasswordHasher hasher = new FakePasswordHasher();
    final FakePasswordStrength strength = new FakePasswordStrength();
    final InMemoryDeletionFence fence = new InMemoryDeletionFence(shares);
    final SecureRandom random = new SecureRandom();
    final UserId alice = UserId.of("alice");
    ShareSettings settings = ShareSettings.defaults("https://share.example.org");
    PublicShareServices services = newService();

    PublicShareFixture() {
        files.put(ItemPath.parse("/users/alice/docs/a.txt"), "hello");
        files.put(ItemPath.parse("/users/alice/docs/sub/b.txt"), "bee");
    }

    PublicShareServices newService() {
        return new PublicShareServices(
                shares, files, roomFiles, hasher, strength, fence, new FakeSecretBox(), clock, random, settings);
    }

    Share share(
            String path,
            ItemType type,
            SharePermissions p,
            Optional<String> password,
            Optional<Instant> expiry,
            Optional<Long> max) {
        Share s = Share.create(
                ShareId.random(),
                ItemPath.parse(path),
                type,
                Optional.empty(),
                ShareToken.generate(random),
                password.map(hasher::hash),
                expiry,
                p,
                Optional.of("lbl"),
                max,
                clock.instant(),
                alice,
                Optional.empty());
        shares.insert(s);
        return s;
    }

    Share folder(SharePermissions p) {
        return share("docs", ItemType.FOLDER, p, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static PublicAccess as(Share s) {
        return new PublicAccess(s.token().value(), Optional.empty(), CLIENT);
    }

    static PublicAccess as(Share s, Grant g) {
        return new PublicAccess(s.token().value(), Optional.of(g.value()), CLIENT);
    }

    static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static String text(ItemContent c) throws Exception {
        try (c) {
            return new String(c.stream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
