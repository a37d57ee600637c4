package dev.sharebridge.application.port.in.upload;

import java.time.Instant;

/**
 * Removes what unfinished uploads leave: those expired at {@code now} (their rows and bytes), and
 * partial files whose upload is gone (a crash between the two deletions, a deleted user or link).
 * Safe to run on every instance at once and after a crash.
 */
public interface SweepUploadsUseCase {
    /** @return how many uploads' rows or bytes were removed */
    int sweep(Instant now);
}
