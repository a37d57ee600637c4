package dev.sharebridge.application.port.in.room;

import dev.sharebridge.application.port.out.signaling.SharedFolderView;

/** The shared folder as the caller may see it, and whether this call created it. */
public record SharedFolderResult(SharedFolderView view, boolean created) {
}
