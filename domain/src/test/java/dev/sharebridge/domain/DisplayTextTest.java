package dev.sharebridge.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 13, item 10: names users give never carry bidirectional controls. */
class DisplayTextTest {
    /** Every bidirectional control the rule names. */
    private static final String[] BIDI = {
        "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F",
        "\u061C"
    };

    @Test
    void everyBidiControlIsRefusedInNewNamesOfItemsLabelsTitlesAndDisplayNames() {
        for (String c : BIDI) {
            String name = "invoice" + c + "fdp.exe";
            assertThatThrownBy(() -> ItemPath.parse("docs/" + name).checkNewNames())
                    .isInstanceOfSatisfying(
                            InvalidValueException.class,
                            e -> assertThat(e.field()).isEqualTo("path"))
                    .hasMessageContaining("bidirectional");
            assertThatThrownBy(() -> Share.checkLabel(name))
                    .isInstanceOfSatisfying(
                            InvalidValueException.class,
                            e -> assertThat(e.field()).isEqualTo("label"));
            assertThatThrownBy(() -> Room.create(RoomId.random(), Optional.of(name), UserId.of("alice"), Instant.EPOCH))
                    .isInstanceOfSatisfying(
                            InvalidValueException.class,
                            e -> assertThat(e.field()).isEqualTo("title"));
            assertThatThrownBy(() -> DisplayText.check(Field.DISPLAY_NAME, name))
                    .isInstanceOfSatisfying(
                            InvalidValueException.class,
                            e -> assertThat(e.field()).isEqualTo("displayName"));
            assertThatThrownBy(() -> UserId.of("ali" + c + "ce")).isInstanceOf(InvalidValueException.class);
        }
    }

    @Test
    void existingItemsWithSuchNamesStayAddressableAndStoredRowsStillLoad() {
        ItemPath path = ItemPath.parse("docs/invoice\u202Efdp.exe");
        assertThat(path.name()).isEqualTo("invoice\u202Efdp.exe");
        assertThat(new Room(RoomId.random(), Optional.of("old \u202E title"), UserId.of("alice"), Instant.EPOCH)
                        .title())
                .contains("old \u202E title");
        assertThat(ItemPath.parse("docs/plain, with ünïcode and 😀.txt")
                        .checkNewNames()
                        .name())
                .isEqualTo("plain, with ünïcode and 😀.txt");
    }

    @Test
    void shownNamesLoseTheirBidiControls() {
        assertThat(DisplayText.withoutBidiControls("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(DisplayText.withoutBidiControls("\u2066a\u2069\u200Eb\u061C"))
                .isEqualTo("ab");
        assertThat(DisplayText.withoutBidiControls("plain")).isEqualTo("plain");
        assertThat(DisplayText.hasBidiControl("a\u2028b")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\udfffb", "\udc00\ud800", "x\ud83d"})
    void loneSurrogatesAreNotValidUnicode(String text) {
        assertThat(DisplayText.isValidUnicode(text)).isFalse();
        assertThatThrownBy(() -> Share.checkLabel(text))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("valid Unicode");
    }

    @Test
    void pairsAreValidUnicode() {
        assertThat(DisplayText.isValidUnicode("😀 ok \ud83d\ude00")).isTrue();
    }
}
