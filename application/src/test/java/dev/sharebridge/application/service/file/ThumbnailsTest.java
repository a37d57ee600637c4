package dev.sharebridge.application.service.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.file.ItemThumbnail;
import dev.sharebridge.application.port.out.preview.Thumbnail;
import dev.sharebridge.application.port.out.preview.ThumbnailRefusedException;
import dev.sharebridge.application.port.out.preview.ThumbnailRefusedException.Reason;
import dev.sharebridge.application.port.out.preview.Thumbnailer;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.user.UserId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one cache and the limits of thumbnails, over a thumbnailer that counts what it decodes. */
class ThumbnailsTest {
    private static final UserId ALICE = UserId.of("alice");

    private final InMemoryStorageProvider storage =
            new InMemoryStorageProvider(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    private final CountingThumbnailer thumbnailer = new CountingThumbnailer();

    private ThumbnailService owner(long cacheBytes) {
        return new ThumbnailService(
                storage,
                new Thumbnails(thumbnailer, new Thumbnails.Settings(cacheBytes, 1000, 1, Duration.ofSeconds(1))));
    }

    private void put(String path, String content) {
        storage.put(UserSpaces.toStorage(ALICE, ItemPath.parse(path)), content);
    }

    @Test
    void aSecondThumbnailOfTheSameVersionIsNotDecodedAgainButAChangedFileIs() throws Exception {
        ThumbnailService thumbnails = owner(1 << 20);
        put("photos/cat.jpg", "meow");

        ItemThumbnail first = thumbnails.thumbnail(ALICE, ItemPath.parse("photos/cat.jpg"));
        ItemThumbnail second = thumbnails.thumbnail(ALICE, ItemPath.parse("photos/cat.jpg"));

        assertThat(thumbnailer.decoded).containsExactly("cat.jpg");
        assertThat(second.thumbnail()).isSameAs(first.thumbnail());
        assertThat(first.item().path()).isEqualTo(ItemPath.parse("photos/cat.jpg"));
        assertThat(first.thumbnail().bytes()).asString(StandardCharsets.UTF_8).isEqualTo("thumb of meow");

        put("photos/cat.jpg", "purr");
        ItemThumbnail changed = thumbnails.thumbnail(ALICE, ItemPath.parse("photos/cat.jpg"));

        assertThat(thumbnailer.decoded).containsExactly("cat.jpg", "cat.jpg");
        assertThat(changed.thumbnail().bytes()).asString(StandardCharsets.UTF_8).isEqualTo("thumb of purr");
        assertThat(changed.item().etag()).isNotEqualTo(first.item().etag());
    }

    @Test
    void aRefusalIsKeptButRunningOutOfTimeIsTriedAgain() throws Exception {
        ThumbnailService thumbnails = owner(1 << 20);
        put("broken.png", "refuse UNREADABLE");
        put("slow.png", "refuse TOO_SLOW");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> thumbnails.thumbnail(ALICE, ItemPath.parse("broken.png")))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> thumbnails.thumbnail(ALICE, ItemPath.parse("slow.png")))
                    .isInstanceOf(NotFoundException.class);
        }

        assertThat(thumbnailer.decoded).containsExactly("broken.png", "slow.png", "slow.png");
    }

    @Test
    void foldersOtherTypesAndLargeFilesAreNotReadAtAll() throws Exception {
        ThumbnailService thumbnails = owner(1 << 20);
        put("notes.txt", "text");
        put("huge.jpg", "x".repeat(1001));
        put("album/a.jpg", "a");

        for (String path : List.of("notes.txt", "huge.jpg", "album", "missing.jpg")) {
            assertThatThrownBy(() -> thumbnails.thumbnail(ALICE, ItemPath.parse(path)))
                    .as(path)
                    .isInstanceOf(NotFoundException.class);
        }
        assertThat(thumbnailer.decoded).isEmpty();
    }

    @Test
    void theCacheKeepsAtMostItsBytesAndDropsTheLeastRecentlyUsed() throws Exception {
        // each thumbnail is 96 bytes: two fit, a third pushes out the one used least recently
        Thumbnails shared = new Thumbnails(thumbnailer, new Thumbnails.Settings(250, 1000, 1, Duration.ofSeconds(1)));
        ThumbnailService thumbnails = new ThumbnailService(storage, shared);
        for (String name : List.of("a.jpg", "b.jpg", "c.jpg")) {
            put(name, "x".repeat(87)); // "thumb of " + 87 bytes = 96 bytes
        }

        thumbnails.thumbnail(ALICE, ItemPath.parse("a.jpg"));
        thumbnails.thumbnail(ALICE, ItemPath.parse("b.jpg"));
        thumbnails.thumbnail(ALICE, ItemPath.parse("a.jpg")); // a is now the most recent
        thumbnails.thumbnail(ALICE, ItemPath.parse("c.jpg")); // b goes
        thumbnails.thumbnail(ALICE, ItemPath.parse("a.jpg"));
        thumbnails.thumbnail(ALICE, ItemPath.parse("b.jpg"));

        assertThat(thumbnailer.decoded).containsExactly("a.jpg", "b.jpg", "c.jpg", "b.jpg");
        assertThat(shared.cachedBytes()).isLessThanOrEqualTo(250);
        assertThat(shared.stats()).isEqualTo(new Thumbnails.Stats(2, 4));
    }

    /**
     * Makes "thumb of " + the content, and counts each file it decodes; a content of {@code refuse
     * REASON} is refused so.
     */
    static final class CountingThumbnailer implements Thumbnailer {
        final List<String> decoded = new ArrayList<>();

        @Override
        public boolean supports(String fileName) {
            return fileName.endsWith(".jpg") || fileName.endsWith(".png");
        }

        @Override
        public synchronized Thumbnail thumbnail(InputStream image, String fileName, long size, int maxEdge)
                throws ThumbnailRefusedException {
            decoded.add(fileName);
            String content;
            try {
                content = new String(image.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ThumbnailRefusedException(Reason.UNREADABLE, "unreadable");
            }
            Optional<String> refusal = content.startsWith("refuse ")
                    ? Optional.of(content.substring("refuse ".length()))
                    : Optional.empty();
            if (refusal.isPresent()) {
                throw new ThumbnailRefusedException(Reason.valueOf(refusal.get()), "refused");
            }
            return new Thumbnail(("thumb of " + content).getBytes(StandardCharsets.UTF_8), "image/jpeg", 1, 1);
        }
    }
}
