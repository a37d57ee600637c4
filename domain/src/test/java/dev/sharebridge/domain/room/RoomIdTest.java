package dev.sharebridge.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoomIdTest {

    @Test
    void randomIdsRoundTripThroughText() {
        RoomId id = RoomId.random();
        assertThat(RoomId.parse(id.toString())).contains(id);
        assertThat(id.toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(RoomId.random()).isNotEqualTo(id);
    }

    @Test
    void canonicalTextParses() {
        String text = "6f1c7a52-4f3e-4b8e-9c1d-2a3b4c5d6e7f";
        assertThat(RoomId.parse(text)).map(RoomId::value).contains(UUID.fromString(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "6f1c7a52-4f3e-4b8e-9c1d-2a3b4c5d6e7",
                "6f1c7a52-4f3e-4b8e-9c1d-2a3b4c5d6e7f0",
                "6f1c7a52x4f3e-4b8e-9c1d-2a3b4c5d6e7f",
                "6f1c7a524f3e4b8e9c1d2a3b4c5d6e7f0000",
                "0000000000000000000-0-0-000000000000",
                "+f1c7a52-4f3e-4b8e-9c1d-2a3b4c5d6e7f",
                "6f1c7a52-4f3e-4b8e-9c1d-2a3b4c5d6e7g",
                "../../../../../../etc/passwd.......",
                "6f1c7a52-4f3e-4b8e-9c1d-2a3b4c5d6e/f"
            })
    void nonCanonicalTextIsRejected(String text) {
        assertThat(RoomId.parse(text)).isEmpty();
    }

    @Test
    void nullIsRejected() {
        assertThat(RoomId.parse(null)).isEmpty();
        assertThatThrownBy(() -> new RoomId(null)).isInstanceOf(NullPointerException.class);
    }
}
