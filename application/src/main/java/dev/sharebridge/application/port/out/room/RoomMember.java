package dev.sharebridge.application.port.out.room;

import dev.sharebridge.domain.user.UserId;

/** An invited user of a room and whether they are a moderator. The owner is not stored as a member. */
public record RoomMember(UserId user, boolean moderator) {}
