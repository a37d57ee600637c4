package dev.sharebridge.application.port.in.room;

import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.RoomId;

/** A redeemed ticket: the participant id the transport must register before {@code enter}. */
public record Admission(ParticipantId participant, RoomId room) {}
