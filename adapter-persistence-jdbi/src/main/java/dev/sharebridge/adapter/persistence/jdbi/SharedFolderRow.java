package dev.sharebridge.adapter.persistence.jdbi;

/**
 * A {@code shared_folders} row as stored: either a claim ({@code state = 'creating'}, only the
 * lease set) or a finished folder with its link passwords still sealed.
 */
record SharedFolderRow(
        String roomId,
        String state,
        Long leaseUntil,
        String provider,
        String folder,
        String readLinkId,
        String readUrl,
        String readPasswordSealed,
        String rwLinkId,
        String rwUrl,
        String rwPasswordSealed,
        long createdAt) {

    static final String READY = "ready";

    boolean isReady() {
        return READY.equals(state);
    }

    @Override
    public String toString() {
        // the sealed passwords stay out of logs too
        return "SharedFolderRow[" + roomId + ", " + state + "]";
    }
}
