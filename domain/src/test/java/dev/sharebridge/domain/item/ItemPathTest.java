package dev.sharebridge.domain.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.InvalidValueException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ItemPathTest {

    private static void assertInvalid(String text) {
        assertThatThrownBy(() -> ItemPath.parse(text))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("path"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/"})
    void emptyAndSlashAreTheRoot(String text) {
        ItemPath root = ItemPath.parse(text);
        assertThat(root.isRoot()).isTrue();
        assertThat(root).isEqualTo(ItemPath.root());
        assertThat(root.depth()).isZero();
        assertThat(root.name()).isEmpty();
        assertThat(root.parent()).isEmpty();
        assertThat(root).hasToString("/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"//", "//a", "a//", "///"})
    void doubledSlashesAreEmptySegments(String text) {
        assertInvalid(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "/a/b", "a/b/", "/a/b/"})
    void oneLeadingAndOneTrailingSlashAreIgnored(String text) {
        ItemPath path = ItemPath.parse(text);
        assertThat(path.segments()).containsExactly("a", "b");
        assertThat(path).isEqualTo(ItemPath.of("a", "b")).hasToString("/a/b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a//b", "//a", "a//", "/a/b//", "///"})
    void emptySegmentsAreRejected(String text) {
        assertInvalid(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "/./a", "a/../b", "a/..", "../etc/passwd", "a/./"})
    void dotSegmentsAreRejected(String text) {
        assertInvalid(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"...", ".hidden", "a..b", "..x", "x..", "a b", "p+q#r", "100%", "ü&c"})
    void namesThatOnlyLookLikeDotsAreFine(String segment) {
        assertThat(ItemPath.parse("/" + segment).name()).isEqualTo(segment);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\b", "..\\secret", "\\", "dir\\"})
    void backslashIsRejected(String text) {
        assertInvalid(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\u0000b",
                "\u0000",
                "a\nb",
                "a\rb",
                "a\tb",
                "\u001f",
                "a\u007f",
                "a\u0085b",
                "a\u009fb",
                "a\u2028b",
                "a\u2029b"
            })
    void nulAndControlCharactersAreRejected(String text) {
        assertInvalid(text);
        assertThatThrownBy(() -> ItemPath.of(text)).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\udc00", "\udc00\ud800"})
    void loneSurrogatesAreRejected(String text) {
        assertInvalid(text);
    }

    @Test
    void validSurrogatePairIsFine() {
        assertThat(ItemPath.parse("/\ud83d\ude00.txt").name()).isEqualTo("😀.txt");
    }

    @Test
    void segmentsAreLimitedTo255Utf8Bytes() {
        assertThat(ItemPath.parse("a".repeat(255)).name()).hasSize(255);
        assertInvalid("a".repeat(256));
        // 2-byte characters: 127 are 254 bytes, 128 are 256 bytes although only 128 chars
        assertThat(ItemPath.parse("ü".repeat(127)).name()).hasSize(127);
        assertInvalid("ü".repeat(128));
        // 4-byte characters: 63 + "abc" are exactly 255 bytes
        assertThat(ItemPath.parse("😀".repeat(63) + "abc").depth()).isEqualTo(1);
        assertInvalid("😀".repeat(64));
        // the limit is per segment, not per path
        assertThat(ItemPath.parse("a".repeat(255) + "/" + "b".repeat(255)).depth())
                .isEqualTo(2);
    }

    @Test
    void byteLimitAppliesToTheNfcForm() {
        // 128 decomposed u+umlaut are 384 bytes, but 256 bytes after NFC: still too long
        assertInvalid("u\u0308".repeat(128));
        // 100 decomposed are 300 bytes before NFC but 200 after: fine
        assertThat(ItemPath.parse("u\u0308".repeat(100)).name()).isEqualTo("ü".repeat(100));
    }

    @Test
    void segmentsAreNfcNormalised() {
        ItemPath decomposed = ItemPath.parse("/Mu\u0308ller/cafe\u0301.txt");
        ItemPath composed = ItemPath.parse("/M\u00fcller/caf\u00e9.txt");
        assertThat(decomposed).isEqualTo(composed);
        assertThat(decomposed.hashCode()).isEqualTo(composed.hashCode());
        assertThat(decomposed.segments()).containsExactly("M\u00fcller", "caf\u00e9.txt");
        assertThat(decomposed).hasToString("/M\u00fcller/caf\u00e9.txt");
        assertThat(ItemPath.checkSegment("e\u0301")).isEqualTo("\u00e9");
        assertThat(ItemPath.root().resolve("u\u0308")).isEqualTo(ItemPath.of("\u00fc"));
    }

    @Test
    void ofChecksEverySegment() {
        assertThatThrownBy(() -> ItemPath.of("a", "b/c")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ItemPath.of("a", "")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ItemPath.of("..")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ItemPath.of(List.of("a", "\\"))).isInstanceOf(InvalidValueException.class);
        assertThat(ItemPath.of(List.of())).isEqualTo(ItemPath.root());
    }

    @Test
    void depthIsLimited() {
        List<String> deep = new ArrayList<>(Collections.nCopies(ItemPath.MAX_DEPTH, "d"));
        assertThat(ItemPath.of(deep).depth()).isEqualTo(ItemPath.MAX_DEPTH);
        deep.add("d");
        assertThatThrownBy(() -> ItemPath.of(deep)).isInstanceOf(InvalidValueException.class);
        assertInvalid(String.join("/", deep));
        ItemPath full = ItemPath.of(Collections.nCopies(ItemPath.MAX_DEPTH, "d"));
        assertThatThrownBy(() -> full.resolve("one-more")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> full.resolve(ItemPath.of("x"))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void segmentsAreUnmodifiable() {
        ItemPath path = ItemPath.parse("/a/b");
        assertThatThrownBy(() -> path.segments().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nameParentAndDepth() {
        ItemPath path = ItemPath.parse("/a/b/c.txt");
        assertThat(path.name()).isEqualTo("c.txt");
        assertThat(path.depth()).isEqualTo(3);
        assertThat(path.parent()).contains(ItemPath.parse("/a/b"));
        assertThat(ItemPath.parse("/a").parent()).contains(ItemPath.root());
    }

    @Test
    void resolveChecksAndAppends() {
        ItemPath base = ItemPath.parse("/a");
        assertThat(base.resolve("b")).isEqualTo(ItemPath.parse("/a/b"));
        assertThat(base.resolve(ItemPath.parse("/b/c"))).isEqualTo(ItemPath.parse("/a/b/c"));
        assertThat(base.resolve(ItemPath.root())).isEqualTo(base);
        assertThat(ItemPath.root().resolve(base)).isEqualTo(base);
        assertThat(base).hasToString("/a"); // unchanged
        assertThatThrownBy(() -> base.resolve("..")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> base.resolve("b/c")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> base.resolve("")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void startsWithComparesWholeSegments() {
        ItemPath path = ItemPath.parse("/a/b/c");
        assertThat(path.startsWith(ItemPath.root())).isTrue();
        assertThat(path.startsWith(ItemPath.parse("/a"))).isTrue();
        assertThat(path.startsWith(ItemPath.parse("/a/b"))).isTrue();
        assertThat(path.startsWith(path)).isTrue();
        assertThat(path.startsWith(ItemPath.parse("/a/b/c/d"))).isFalse();
        assertThat(path.startsWith(ItemPath.parse("/b"))).isFalse();
        // a textual prefix is not an ancestor
        assertThat(ItemPath.parse("/ab/c").startsWith(ItemPath.parse("/a"))).isFalse();
        assertThat(ItemPath.parse("/a/bc").startsWith(ItemPath.parse("/a/b"))).isFalse();
        assertThat(ItemPath.root().startsWith(ItemPath.root())).isTrue();
        assertThat(ItemPath.root().startsWith(ItemPath.parse("/a"))).isFalse();
    }

    @Test
    void relativeToStripsAnAncestor() {
        ItemPath path = ItemPath.parse("/a/b/c");
        assertThat(path.relativeTo(ItemPath.parse("/a"))).isEqualTo(ItemPath.parse("/b/c"));
        assertThat(path.relativeTo(ItemPath.root())).isEqualTo(path);
        assertThat(path.relativeTo(path)).isEqualTo(ItemPath.root());
        assertThat(ItemPath.parse("/a").resolve(path.relativeTo(ItemPath.parse("/a"))))
                .isEqualTo(path);
        assertThatThrownBy(() -> ItemPath.parse("/ab/c").relativeTo(ItemPath.parse("/a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ItemPath.parse("/a").relativeTo(ItemPath.parse("/a/b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityIsBySegments() {
        assertThat(ItemPath.parse("a/b")).isEqualTo(ItemPath.of("a", "b"));
        assertThat(ItemPath.parse("a/b")).isNotEqualTo(ItemPath.parse("a/B"));
        assertThat(ItemPath.parse("a/b")).isNotEqualTo(ItemPath.parse("a"));
        assertThat(ItemPath.parse("/a").compareTo(ItemPath.parse("/b"))).isNegative();
    }
}
