package dev.sharebridge.application.service.room;

import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.port.out.room.ParticipantRegistry;
import dev.sharebridge.application.port.out.room.TicketStore;
import dev.sharebridge.application.port.out.signaling.RoomEvents;
import java.util.Objects;

/**
 * What makes several server instances on one database one meeting server: the tickets, the
 * participants of every instance, the room-event channel, and this instance's own id.
 */
public record MeetingBackplane(
        TicketStore tickets, ParticipantRegistry participants, RoomEvents events, InstanceId instance) {
    public MeetingBackplane {
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(participants, "participants");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(instance, "instance");
    }
}
