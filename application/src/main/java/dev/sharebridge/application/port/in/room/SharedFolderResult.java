package dev.sharebridge.application.port.in.room;

/** The shared folder as the caller may see it, and whether this call created it. */
public record SharedFolderResult(SharedFolderView view, boolean created) {}
