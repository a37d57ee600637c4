package dev.sharebridge.application.service.file;

import dev.sharebridge.application.port.out.persistence.MoveJournal;
import dev.sharebridge.application.port.out.persistence.MoveJournal.Move;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.ItemConflictException;
import dev.sharebridge.domain.storage.ItemNotFoundException;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finishes the moves that {@link FileService#move} left in the {@link MoveJournal} when its
 * process died (or that it handed over): run at start-up and at every heartbeat of an instance,
 * it takes over each leftover (one instance per record) and settles it by what the storage holds
 * (see docs/architecture.md, "Moving items with share links"):
 *
 * <ul>
 *   <li>the item at the destination and nothing at the source: the storage moved it, the links
 *       follow (rewritten, record removed, in one transaction);
 *   <li>the item at the source and nothing at the destination: the move never happened, the
 *       record goes;
 *   <li>items at both, or at neither: the outcome is not known, so the links stay where they are
 *       (at the source, where an item is in the first case) and the record goes, with a warning.
 * </ul>
 *
 * When the storage cannot be asked, the record is handed back (released) and tried again at the
 * next run.
 */
public final class InterruptedMoves {
    /** How many leftovers one run settles at most; the next run takes the rest. */
    public static final int BATCH = 100;

    private static final Logger LOG = Logger.getLogger(InterruptedMoves.class.getName());

    private final StorageProvider files;
    private final MoveJournal journal;
    private final InstanceId self;
    private final Clock clock;

    /** @param files the storage of the users' spaces, as {@link FileService} has it */
    public InterruptedMoves(StorageProvider files, MoveJournal journal, InstanceId self, Clock clock) {
        this.files = Objects.requireNonNull(files, "files");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.self = Objects.requireNonNull(self, "self");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Settles the leftovers found now (at most {@link #BATCH}). Failures are logged, not thrown:
     * the next run tries again.
     *
     * @return how many records were settled by this instance
     */
    public int finishLeftovers() {
        Instant now = clock.instant();
        List<Move> leftovers;
        try {
            leftovers = journal.leftovers(self, now, BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not look for interrupted moves; trying again later: " + e.getMessage());
            return 0;
        }
        int settled = 0;
        for (Move leftover : leftovers) {
            try {
                Optional<Move> taken = journal.takeOver(leftover, self, now);
                if (taken.isPresent()) {
                    settle(taken.get());
                    settled++;
                }
            } catch (RuntimeException e) {
                // the database: the record stays (ours or its old instance's) and is found again
                LOG.log(Level.WARNING, "could not settle an interrupted move; trying again later", e);
            }
        }
        return settled;
    }

    private void settle(Move move) {
        boolean atFrom;
        boolean atTo;
        try {
            atFrom = exists(move.owner(), move.from());
            atTo = exists(move.owner(), move.to());
        } catch (StorageException | RuntimeException e) {
            journal.release(move);
            LOG.log(
                    Level.WARNING,
                    "could not look at the storage for an interrupted move of " + describe(move)
                            + "; trying again later: " + e.getMessage());
            return;
        }
        if (atTo && !atFrom) {
            int links = journal.finish(move);
            LOG.info("finished an interrupted move of " + describe(move) + ": " + links + " share links followed it");
        } else if (atFrom && !atTo) {
            journal.end(move);
            LOG.info("an interrupted move of " + describe(move) + " had not moved the item; its links stay");
        } else {
            journal.end(move);
            LOG.warning("an interrupted move of " + describe(move) + " found "
                    + (atFrom ? "items at both paths" : "no item at either path")
                    + "; its share links stay on the source path");
        }
    }

    private boolean exists(UserId owner, ItemPath path) throws StorageException {
        try {
            return files.stat(UserSpaces.toStorage(owner, path)).isPresent();
        } catch (ItemNotFoundException | ItemConflictException e) {
            return false;
        }
    }

    private static String describe(Move move) {
        return move.owner().value() + "'s " + move.from() + " to " + move.to();
    }
}
