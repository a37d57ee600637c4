package dev.sharebridge.application.port.out.preview;

import java.util.Objects;

/** A file no thumbnail is made of, and why. */
public final class ThumbnailRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why no thumbnail was made. */
    public enum Reason {
        /** Not one of the types the thumbnailer reads (by the file's name). */
        UNSUPPORTED_TYPE,
        /** The file, or the picture its header announces, is larger than the thumbnailer's limits. */
        TOO_LARGE,
        /** Not a picture of its type: truncated, malformed, or of another type than its name says. */
        UNREADABLE,
        /** Not made within the thumbnailer's time limit. */
        TOO_SLOW
    }

    private final Reason reason;

    public ThumbnailRefusedException(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
