package dev.sharebridge.domain.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharePermissionsTest {

    private static List<SharePermissions> all() {
        List<SharePermissions> all = new ArrayList<>();
        for (int bits = 0; bits < 8; bits++) {
            boolean read = (bits & 1) != 0;
            boolean write = (bits & 2) != 0;
            if (read || write) {
                all.add(new SharePermissions(read, write, (bits & 4) != 0));
            }
        }
        return all;
    }

    @Test
    void aShareNeedsReadOrWrite() {
        assertThatThrownBy(() -> new SharePermissions(false, false, false))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("permissions"));
        assertThatThrownBy(() -> new SharePermissions(false, false, true)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void defaultIsReadOnly() {
        assertThat(SharePermissions.DEFAULT).isEqualTo(new SharePermissions(true, false, false));
        assertThat(SharePermissions.READ_ONLY).isEqualTo(SharePermissions.DEFAULT);
        assertThat(SharePermissions.READ_WRITE).isEqualTo(new SharePermissions(true, true, false));
    }

    @Test
    void fileDropIsWriteWithoutRead() {
        assertThat(new SharePermissions(false, true, false).isFileDrop()).isTrue();
        assertThat(new SharePermissions(false, true, true).isFileDrop()).isTrue();
        assertThat(SharePermissions.READ_WRITE.isFileDrop()).isFalse();
        assertThat(SharePermissions.READ_ONLY.isFileDrop()).isFalse();
    }

    @Test
    void includesIsFlagwiseSubset() {
        for (SharePermissions a : all()) {
            for (SharePermissions b : all()) {
                boolean subset = (a.read() || !b.read()) && (a.write() || !b.write()) && (a.reshare() || !b.reshare());
                assertThat(a.includes(b)).as("%s includes %s", a, b).isEqualTo(subset);
            }
        }
        assertThat(SharePermissions.READ_WRITE.includes(SharePermissions.READ_ONLY))
                .isTrue();
        assertThat(SharePermissions.READ_ONLY.includes(SharePermissions.READ_WRITE))
                .isFalse();
        assertThat(SharePermissions.READ_WRITE.includes(new SharePermissions(true, false, true)))
                .isFalse();
        assertThat(new SharePermissions(false, true, false).includes(SharePermissions.READ_ONLY))
                .isFalse();
    }
}
