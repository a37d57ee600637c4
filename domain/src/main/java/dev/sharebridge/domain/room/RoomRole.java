package dev.sharebridge.domain.room;

import java.util.Locale;

/** A participant's role in a room: moderators see the read-write link, everyone else the read-only one. */
public enum RoomRole {
    MODERATOR,
    PARTICIPANT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
