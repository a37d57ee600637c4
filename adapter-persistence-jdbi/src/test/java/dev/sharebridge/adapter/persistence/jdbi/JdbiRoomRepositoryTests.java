package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.port.out.room.RoomMember;
import dev.sharebridge.application.port.out.room.RoomRepository;
import dev.sharebridge.application.port.out.room.RoomRepositoryContract;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The RoomRepository contract plus what only a database can get wrong; one subclass per database. */
abstract class JdbiRoomRepositoryTests extends RoomRepositoryContract {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00.123Z");

    /** The open database of the subclass. */
    abstract JdbiPersistence db();

    @Override
    protected RoomRepository newRepository() {
        TestDatabases.empty(db());
        return db().rooms();
    }

    @Test
    void aMemberOfAMissingRoomIsRefused() {
        RoomId missing = RoomId.random();

        assertThatThrownBy(() -> rooms.putMember(missing, new RoomMember(UserId.of("bob"), false)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(rooms.members(missing)).isEmpty();
    }

    @Test
    void aTakenInviteCodeIsRefusedWithoutQuotingIt() {
        Room first = new Room(RoomId.random(), Optional.empty(), UserId.of("alice"), T0);
        Room second = new Room(RoomId.random(), Optional.empty(), UserId.of("alice"), T0);
        rooms.insert(first);
        rooms.insert(second);
        rooms.addInviteCode(first.id(), "secret-digest-1", T0);

        assertThatThrownBy(() -> rooms.addInviteCode(second.id(), "secret-digest-1", T0))
                .isInstanceOf(IllegalStateException.class)
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-digest-1"));
        assertThat(rooms.findRoomByInviteCode("secret-digest-1")).contains(first.id());
    }

    @Test
    void listForUserNamesARoomOnceEvenWhenTheOwnerIsAlsoAMember() {
        Room r = new Room(RoomId.random(), Optional.of("Standup"), UserId.of("alice"), T0);
        rooms.insert(r);
        rooms.putMember(r.id(), new RoomMember(UserId.of("alice"), true));

        assertThat(rooms.listForUser(UserId.of("alice"))).containsExactly(r);
        assertThat(rooms.listForUser(UserId.of("carol"))).isEmpty();
    }

    @Test
    void roomsAndMembersSurviveReadingBackFromTheTables() {
        Room r = new Room(RoomId.random(), Optional.of("Ünïcode – title"), UserId.of("bob"), T0);
        rooms.insert(r);
        rooms.putMember(r.id(), new RoomMember(UserId.of("carol"), false));
        rooms.putMember(r.id(), new RoomMember(UserId.of("alice"), true));

        assertThat(rooms.findById(r.id())).contains(r);
        assertThat(rooms.members(r.id()))
                .containsExactly(new RoomMember(UserId.of("alice"), true), new RoomMember(UserId.of("carol"), false));
        assertThat(rooms.listForUser(UserId.of("carol"))).containsExactly(r);
    }
}
