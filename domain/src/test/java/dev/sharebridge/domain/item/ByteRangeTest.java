package dev.sharebridge.domain.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.InvalidValueException;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void lengthIsInclusive() {
        assertThat(new ByteRange(0, 0).length()).isEqualTo(1);
        assertThat(new ByteRange(2, 5).length()).isEqualTo(4);
    }

    @Test
    void invalidRangesAreRejected() {
        assertThatThrownBy(() -> new ByteRange(-1, 3)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ByteRange(5, 4)).isInstanceOf(InvalidValueException.class);
    }
}
