package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.signaling.RoomEvent;
import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomEventCodecTest {
    @Test
    void everyEventReadsBackAndStaysSmall() {
        RoomId room = RoomId.random();
        List<RoomEvent> events = List.of(
                new RoomEvent.FolderCreated(room),
                new RoomEvent.FolderDeleted(room),
                new RoomEvent.RoleChanged(room, UserId.of("a".repeat(64))),
                new RoomEvent.GuestRoleChanged(room, new ParticipantId("x|y%z".repeat(12)), true),
                new RoomEvent.RoomDeleted(room));
        for (RoomEvent e : events) {
            String payload = RoomEventCodec.encode(Long.MAX_VALUE, e);
            assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000);
            assertThat(RoomEventCodec.decode(payload)).contains(new RoomEventCodec.Numbered(Long.MAX_VALUE, e));
        }
    }

    @Test
    void whatDoesNotReadIsIgnored() {
        for (String payload : List.of(
                "",
                "2|1|folder_created|" + RoomId.random(),
                "1|x|folder_created|r",
                "1|1|shout|" + RoomId.random(),
                "1|1|role_changed|" + RoomId.random(),
                "1|1|folder_created|NOT-A-ROOM")) {
            assertThat(RoomEventCodec.decode(payload)).as(payload).isEmpty();
        }
    }
}
