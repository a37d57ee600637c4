package dev.sharebridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.signaling.SignalingMessage.JoinSuccess;
import dev.sharebridge.application.port.out.signaling.SignalingMessage.SharedFolderUpdated;
import dev.sharebridge.domain.room.RoomRole;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingExampleTest {

    @Test
    void theExampleDeliversJoinThenReadThenReadWrite(@TempDir Path dir) throws Exception {
        List<EmbeddingExample.Delivery> got = EmbeddingExample.run(dir);
        assertThat(got).hasSize(3);
        assertThat(got.get(0).message()).isInstanceOfSatisfying(JoinSuccess.class, j -> {
            assertThat(j.role()).isEqualTo(RoomRole.PARTICIPANT);
            assertThat(j.sharedFolder()).isEmpty();
        });
        assertThat(got.get(1).message())
                .isInstanceOfSatisfying(
                        SharedFolderUpdated.class,
                        u -> assertThat(u.sharedFolder().readWrite()).isEmpty());
        assertThat(got.get(2).message())
                .isInstanceOfSatisfying(
                        SharedFolderUpdated.class,
                        u -> assertThat(u.sharedFolder().readWrite()).isPresent());
        assertThat(got)
                .extracting(EmbeddingExample.Delivery::to)
                .containsOnly(got.get(0).to());
    }
}
