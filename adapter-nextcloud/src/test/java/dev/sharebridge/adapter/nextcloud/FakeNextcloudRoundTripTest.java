package dev.sharebridge.adapter.nextcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.ItemConflictException;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.PublicLinkCapability.Access;
import dev.sharebridge.domain.storage.PublicLinkCapability.PublicLink;
import dev.sharebridge.domain.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter end to end against {@link FakeNextcloud}: state carries from call to call, as it
 * will in the shared StorageProvider contract suite (see src/test/java-pending).
 */
class FakeNextcloudRoundTripTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final FakeNextcloud nextcloud = new FakeNextcloud(TestSupport.USER, TestSupport.PASSWORD);
    private NextcloudStorageProvider provider;

    @BeforeEach
    void open() {
        server.setDispatcher(nextcloud);
        provider = new NextcloudStorageProvider(TestSupport.settings(server, "opentalk/meetings"));
    }

    @AfterEach
    void close() {
        provider.close();
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void filesAndFoldersRoundTrip() throws Exception {
        assertThat(provider.write(ItemPath.of("a b ü&c", "p+q#r.txt"), text("special"))
                        .created())
                .isTrue();
        assertThat(provider.write(ItemPath.of("a b ü&c", "B.txt"), text("0123456789"))
                        .created())
                .isTrue();
        assertThat(provider.write(ItemPath.of("a b ü&c", "B.txt"), text("9876543210"))
                        .created())
                .isFalse();
        assertThat(provider.makeFolder(ItemPath.of("a b ü&c", "sub"))).isTrue();
        assertThat(provider.makeFolder(ItemPath.of("a b ü&c", "sub"))).isFalse();

        assertThat(provider.list(ItemPath.of("a b ü&c")))
                .extracting(StoredItem::name)
                .containsExactly("B.txt", "p+q#r.txt", "sub");
        assertThat(nextcloud.exists("opentalk/meetings/a b ü&c/p+q#r.txt")).isTrue();
        try (ItemContent c = provider.read(ItemPath.of("a b ü&c", "B.txt"), Optional.of(new ByteRange(7, 9)))) {
            assertThat(c.stream().readAllBytes())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo("210");
        }
        assertThatThrownBy(() -> provider.write(ItemPath.of("a b ü&c", "B.txt", "x"), text("x")))
                .isInstanceOf(ItemConflictException.class);
        assertThat(provider.delete(ItemPath.of("a b ü&c"))).isTrue();
        assertThat(provider.list(ItemPath.root())).isEmpty();
    }

    @Test
    void anAbortedUploadLeavesTheOldContent() throws Exception {
        provider.write(ItemPath.of("doc.txt"), text("old content"));
        InputStream failing = new SequenceInputStream(text("new"), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        });

        assertThatThrownBy(() -> provider.write(ItemPath.of("doc.txt"), failing))
                .isInstanceOf(StorageException.class);

        try (ItemContent c = provider.read(ItemPath.of("doc.txt"), Optional.empty())) {
            assertThat(c.stream().readAllBytes())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo("old content");
        }
    }

    @Test
    void theTwoLinksOfASharedFolder() throws Exception {
        ItemPath room = ItemPath.of("sharebridge-room-7");
        provider.makeFolder(room);

        PublicLink rw = provider.create(
                room, Access.READ_WRITE, "Generated-Pa55word-1", Optional.of(LocalDate.of(2026, 12, 1)));
        PublicLink ro = provider.create(room, Access.READ, "Generated-Pa55word-2", Optional.empty());

        assertThat(nextcloud.shares().get(rw.id()).permissions()).isEqualTo(31);
        assertThat(nextcloud.shares().get(ro.id()).permissions()).isEqualTo(17);
        assertThat(nextcloud.shares().get(rw.id()).path()).isEqualTo("/opentalk/meetings/sharebridge-room-7");
        assertThat(rw.url()).startsWith(server.url("/s/").toString());
        provider.delete(rw.id());
        provider.delete(rw.id());
        provider.delete(ro.id());
        assertThat(nextcloud.shares()).isEmpty();
        assertThat(provider.delete(room)).isTrue();
    }

    @Test
    void aReadWriteLinkOnAFileCannotBeMadeAndLeavesNothing() throws Exception {
        provider.write(ItemPath.of("f.txt"), text("x"));

        assertThatThrownBy(() -> provider.create(
                        ItemPath.of("f.txt"), Access.READ_WRITE, "Generated-Pa55word-1", Optional.empty()))
                .isInstanceOf(StorageException.class);
        assertThat(nextcloud.shares()).isEmpty();
    }
}
