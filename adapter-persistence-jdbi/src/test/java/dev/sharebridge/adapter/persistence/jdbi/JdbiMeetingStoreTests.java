package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.port.out.room.ParticipantRegistry;
import dev.sharebridge.application.port.out.room.ParticipantRegistryContract;
import dev.sharebridge.application.port.out.room.PendingTicket;
import dev.sharebridge.application.port.out.room.RegisteredParticipant;
import dev.sharebridge.application.port.out.room.SharedFolderRepository;
import dev.sharebridge.application.port.out.room.SharedFolderRepository.Claim;
import dev.sharebridge.application.port.out.room.TicketStore;
import dev.sharebridge.application.port.out.room.TicketStoreContract;
import dev.sharebridge.application.testing.FakeSecretBox;
import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The TicketStore and ParticipantRegistry contracts, and the takeover of a dead instance's
 * shared-folder claim, on one database; one subclass per database. {@link #secondInstance()} is
 * another connection pool on the same database, as another server process would have.
 */
abstract class JdbiMeetingStoreTests {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00.250Z");

    abstract JdbiPersistence db();

    abstract JdbiPersistence secondInstance();

    RoomId room() {
        Room room = new Room(RoomId.random(), Optional.of("Weekly sync"), UserId.of("alice"), T0);
        db().rooms().insert(room);
        return room.id();
    }

    @Nested
    class Tickets extends TicketStoreContract {
        @Override
        protected TicketStore newStore() {
            TestDatabases.empty(db());
            return db().tickets();
        }

        @Override
        protected TicketStore otherInstance() {
            return secondInstance().tickets();
        }

        @Override
        protected RoomId newRoom() {
            return room();
        }

        @Test
        void onlyTheDigestIsStoredAndTheRoomTakesItsTickets() {
            RoomId room = newRoom();
            tickets.add("digest-of-a-ticket", new PendingTicket(room, Optional.empty(), T0.plusSeconds(60)));
            db().rooms().delete(room);
            assertThat(tickets.take("digest-of-a-ticket", T0)).isEmpty();
        }
    }

    @Nested
    class Participants extends ParticipantRegistryContract {
        @Override
        protected ParticipantRegistry newRegistry() {
            TestDatabases.empty(db());
            return db().participants();
        }

        @Override
        protected RoomId newRoom() {
            return room();
        }

        @Override
        protected void deleteRoom(RoomId room) {
            db().rooms().delete(room);
        }

        @Test
        void anotherInstanceSeesTheParticipant() {
            InstanceId a = InstanceId.random(new SecureRandom());
            RoomId room = newRoom();
            registry.join(a, T0, T0.plusSeconds(8));
            RegisteredParticipant p =
                    new RegisteredParticipant(new ParticipantId("p-1"), room, Optional.empty(), false, a);
            registry.add(p);
            assertThat(secondInstance().participants().find(p.id())).contains(p);
        }
    }

    @Test
    void aClaimOfAnInstanceWhoseLeaseEndedIsTakenOverBeforeTheClaimsOwnLease() {
        TestDatabases.empty(db());
        SecureRandom random = new SecureRandom();
        InstanceId dead = InstanceId.random(random);
        InstanceId alive = InstanceId.random(random);
        db().participants().join(dead, T0, T0.plusSeconds(8));
        secondInstance().participants().join(alive, T0, T0.plusSeconds(8));
        FakeSecretBox box = new FakeSecretBox();
        SharedFolderRepository onDead = db().sharedFolders(box, dead);
        SharedFolderRepository onAlive = secondInstance().sharedFolders(box, alive);
        RoomId room = room();

        assertThat(onDead.claim(room, T0, T0.plusSeconds(120))).isEqualTo(new Claim.Granted(false));
        // the holder's lease runs: busy
        assertThat(onAlive.claim(room, T0.plusSeconds(7), T0.plusSeconds(127)))
                .isEqualTo(new Claim.Busy(T0.plusSeconds(120)));
        secondInstance().participants().renew(alive, T0.plusSeconds(20));
        // the holder stopped renewing at T0 + 8 s: taken over long before the claim's 120 s
        assertThat(onAlive.claim(room, T0.plusSeconds(8), T0.plusSeconds(128))).isEqualTo(new Claim.Granted(true));
        // now held by a live instance: busy again for everyone else
        assertThat(onDead.claim(room, T0.plusSeconds(9), T0.plusSeconds(129)))
                .isEqualTo(new Claim.Busy(T0.plusSeconds(128)));
    }

    @Test
    void aClaimOfAnExpiredAndRemovedInstanceIsTakenOverToo() {
        TestDatabases.empty(db());
        SecureRandom random = new SecureRandom();
        InstanceId dead = InstanceId.random(random);
        db().participants().join(dead, T0, T0.plusSeconds(8));
        FakeSecretBox box = new FakeSecretBox();
        RoomId room = room();
        db().sharedFolders(box, dead).claim(room, T0, T0.plusSeconds(120));
        assertThat(secondInstance().participants().expire(T0.plusSeconds(8))).containsExactly(dead);

        assertThat(secondInstance().sharedFolders(box).claim(room, T0.plusSeconds(9), T0.plusSeconds(129)))
                .isEqualTo(new Claim.Granted(true));
    }

    @Test
    void aClaimWithoutHolderWaitsForItsLease() {
        TestDatabases.empty(db());
        FakeSecretBox box = new FakeSecretBox();
        RoomId room = room();
        db().sharedFolders(box).claim(room, T0, T0.plusSeconds(120));

        assertThat(secondInstance().sharedFolders(box).claim(room, T0.plusSeconds(60), T0.plusSeconds(180)))
                .isEqualTo(new Claim.Busy(T0.plusSeconds(120)));
    }
}
