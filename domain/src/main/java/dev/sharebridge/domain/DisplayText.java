package dev.sharebridge.domain;

/**
 * The rules for text that a user types and other people are shown (file and folder names, share
 * labels, room titles, display names): valid Unicode, no control characters, and none of the
 * invisible bidirectional controls that make text read differently from what it is ({@code U+202E}
 * shows {@code "invoice\u202Efdp.exe"} as "invoiceexe.pdf"). New text with them is refused; names
 * that already exist in a storage are shown without them ({@link #withoutBidiControls}).
 */
public final class DisplayText {
    /** What the refusals of bidirectional controls say, so every field words it alike. */
    public static final String BIDI_RULE = "must not contain bidirectional control characters"
            + " (U+200E, U+200F, U+061C, U+202A-U+202E, U+2066-U+2069)";

    private DisplayText() {}

    /**
     * The embeddings, overrides and isolates ({@code U+202A}–{@code U+202E},
     * {@code U+2066}–{@code U+2069}) and the marks ({@code U+200E}, {@code U+200F}, {@code U+061C}).
     */
    public static boolean isBidiControl(int codePoint) {
        return (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069)
                || codePoint == 0x200E
                || codePoint == 0x200F
                || codePoint == 0x061C;
    }

    public static boolean hasBidiControl(CharSequence text) {
        return text.codePoints().anyMatch(DisplayText::isBidiControl);
    }

    /**
     * True when every surrogate is half of a pair. A lone one has no UTF-8 form: encoders replace
     * it with {@code ?}, so two different strings would become the same bytes.
     */
    public static boolean isValidUnicode(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Control characters, and the line and paragraph separators that break lines like them. */
    public static boolean isControl(int codePoint) {
        return Character.isISOControl(codePoint) || codePoint == 0x2028 || codePoint == 0x2029;
    }

    /** {@code text} with every bidirectional control removed: how an existing name is shown. */
    public static String withoutBidiControls(String text) {
        if (!hasBidiControl(text)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().filter(c -> !isBidiControl(c)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /**
     * Checks new text given for {@code field}.
     *
     * @throws InvalidValueException naming {@code field} when the text is not valid Unicode or
     *     holds a control character or a bidirectional control
     */
    public static void check(Field field, String text) {
        if (!isValidUnicode(text)) {
            throw new InvalidValueException(field, "{field} must be valid Unicode text (no unpaired surrogates)");
        }
        if (text.codePoints().anyMatch(DisplayText::isControl)) {
            throw new InvalidValueException(field, "{field} must not contain control characters");
        }
        if (hasBidiControl(text)) {
            throw new InvalidValueException(field, "{field} " + BIDI_RULE);
        }
    }
}
