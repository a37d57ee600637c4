package dev.sharebridge.application.service.publicshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.publicshare.ZipDownload;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.SharePermissions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Zipped folders. */
class DownloadFromShareServiceTest extends PublicShareFixture {
    // ---- zip

    @Test
    void zip_streams_the_folder_recursively() throws Exception {
        Share s = folder(SharePermissions.DEFAULT);
        files.makeFolder(ItemPath.parse("/users/alice/docs/empty"));

        ZipDownload zip = services.download().zip(as(s), ItemPath.root());
        assertThat(zip.fileName()).isEqualTo("docs.zip");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        zip.body().writeTo(out);

        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in =
                new ZipInputStream(new ByteArrayInputStream(out.toByteArray()), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries)
                .containsExactly(
                        Map.entry("a.txt", "hello"),
                        Map.entry("empty/", ""),
                        Map.entry("sub/", ""),
                        Map.entry("sub/b.txt", "bee"));
        assertThat(services.download().zip(as(s), ItemPath.parse("sub")).fileName())
                .isEqualTo("sub.zip");
    }

    @Test
    void zip_needs_a_folder() {
        Share file = share(
                "docs/a.txt",
                ItemType.FILE,
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        Share dir = folder(SharePermissions.DEFAULT);
        assertThatThrownBy(() -> services.download().zip(as(file), ItemPath.root()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> services.download().zip(as(dir), ItemPath.parse("a.txt")))
                .isInstanceOf(NotFoundException.class);
        assertThat(shares.recordAccessCalls()).isZero();
    }
}
