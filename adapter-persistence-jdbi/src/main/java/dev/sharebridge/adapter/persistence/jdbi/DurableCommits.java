package dev.sharebridge.adapter.persistence.jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleListener;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On H2, makes every commit reach the database file before the write is answered, with a group
 * commit: after its commit a writer waits for one {@code CHECKPOINT SYNC} begun after it, and the
 * writers that arrive while one runs share the next one.
 *
 * <p>Why: H2 keeps commits in memory and writes them to its file in the background every
 * {@code WRITE_DELAY} (500 ms), so a process killed outright ({@code kill -9}, an OOM kill, a JVM
 * crash) lost the last half second of acknowledged writes. {@code WRITE_DELAY=0} would write
 * each commit at once too, but it also stops H2's background thread, which is what compacts the
 * file: under sustained writes the file then grew without bound (860 MB after 770,000 small
 * updates, versus 60 MB this way). {@code CHECKPOINT SYNC} writes what is committed and forces it
 * to the disk, so an answered write also survives a power cut; that in turn makes it safe to
 * reuse the file's free space at once ({@code RETENTION_TIME=0}, see {@link JdbiPersistence}),
 * which keeps a write-heavy file small.
 *
 * <p>Every write through Jdbi is covered without its code saying so: a statement that is not a
 * query marks the thread before it runs, and when the thread's outermost handle closes (after its
 * commit) the thread waits here. Writes in plain JDBC call {@link #writing()} before their first
 * statement and {@link #await()} after their commit themselves.
 *
 * <p>Reads wait too, but only while a write is between its first statement and its checkpoint:
 * H2 shows a commit to other connections before it is in the file, so without this a read could
 * answer what a crash then takes back (an owner shown {@code access_count} 795, and after a
 * {@code kill -9} the file held 792: the last batch's commit was visible, its checkpoint not
 * done). A read through Jdbi that ends while such a write is in flight waits for a checkpoint
 * begun after it; when no write is in flight (the quiet case) it costs nothing. Plain JDBC reads
 * (the token lookup of every public request) do not wait: what they find is only ever answered
 * together with a counted access, whose own checkpoint covers it. PostgreSQL needs none of this
 * (its commit is durable and visible only then), nor does an in-memory H2 database.
 */
final class DurableCommits {
    private static final Logger LOG = LoggerFactory.getLogger(DurableCommits.class);
    /** H2's error code for a command that needs admin rights. */
    private static final int ADMIN_RIGHTS_REQUIRED = 90040;

    private static final Set<String> READS = Set.of("SELECT", "VALUES", "TABLE", "SHOW", "EXPLAIN");

    private final DataSource dataSource;
    private volatile boolean enabled;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    /** Checkpoints begun, and the number of the last one that finished; guarded by lock. */
    private long begun;

    private long done;
    private boolean running;
    /** Writes that began and whose checkpoint has not finished yet. */
    private final AtomicInteger inFlight = new AtomicInteger();

    private final ThreadLocal<Writer> writers = ThreadLocal.withInitial(Writer::new);

    /** What the current thread's open handles did. */
    private static final class Writer {
        int openHandles;
        boolean wrote;
    }

    DurableCommits(DataSource dataSource, boolean enabled) {
        this.dataSource = dataSource;
        this.enabled = enabled;
    }

    /** For a database whose commits are durable by themselves. */
    static DurableCommits notNeeded() {
        return new DurableCommits(null, false);
    }

    /**
     * For an H2 database (embedded, or an H2 server): checks that {@code CHECKPOINT SYNC} is
     * allowed (it needs an admin user) and makes every write on {@code jdbi} wait for it.
     */
    static DurableCommits forH2(DataSource dataSource, Jdbi jdbi) {
        DurableCommits commits = new DurableCommits(dataSource, true);
        try {
            commits.checkpoint();
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof SQLException sql) || sql.getErrorCode() != ADMIN_RIGHTS_REQUIRED) {
                throw e;
            }
            LOG.warn("the H2 database user is not an admin, so commits cannot be forced to the file:"
                    + " a process killed outright may lose its writes of the last half second");
            commits.enabled = false;
            return commits;
        }
        jdbi.getConfig(SqlStatements.class).addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement statement, StatementContext ctx) {
                Writer writer = commits.writers.get();
                // marked before it runs: outside a transaction, running it is its commit
                if (!writer.wrote && isWrite(ctx.getRawSql())) {
                    writer.wrote = true;
                    commits.writing();
                }
            }
        });
        jdbi.getConfig(Handles.class).addListener(new HandleListener() {
            @Override
            public void handleCreated(Handle handle) {
                commits.writers.get().openHandles++;
            }

            @Override
            public void handleClosed(Handle handle) {
                Writer writer = commits.writers.get();
                if (--writer.openHandles != 0) {
                    return;
                }
                if (writer.wrote) {
                    writer.wrote = false;
                    commits.awaitWritten();
                } else {
                    commits.awaitSeen();
                }
            }
        });
        return commits;
    }

    /** Whether {@code sql} may change something: anything but a query (over-waiting costs little). */
    static boolean isWrite(String sql) {
        if (sql == null) {
            return false;
        }
        String s = sql.strip();
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return !READS.contains(s.substring(0, end).toUpperCase(Locale.ROOT));
    }

    /**
     * Marks a write that is about to run its first statement: until its {@link #awaitWritten()},
     * reads wait for checkpoints (see the class comment).
     */
    void writing() {
        if (enabled) {
            inFlight.incrementAndGet();
        }
    }

    /** {@link #await()} for a write marked by {@link #writing()}, then {@link #settled()}. */
    void awaitWritten() {
        try {
            await();
        } finally {
            settled();
        }
    }

    /** Unmarks a write marked by {@link #writing()}: it is in the file, or it changed nothing. */
    void settled() {
        if (enabled) {
            inFlight.decrementAndGet();
        }
    }

    /**
     * After a read: returns once what it may have seen is in the file, which costs a checkpoint
     * only while a write is in flight.
     */
    void awaitSeen() {
        if (enabled && inFlight.get() > 0) {
            await();
        }
    }

    /**
     * Returns once everything committed before the call is in the database file and on the disk.
     *
     * @throws IllegalStateException when the database could not write it
     */
    void await() {
        if (!enabled) {
            return;
        }
        boolean interrupted = false;
        lock.lock();
        try {
            // one that is running now may have begun before our commit: wait for a later one
            long needed = begun + 1;
            while (done < needed) {
                if (running) {
                    try {
                        finished.await();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                    continue;
                }
                running = true;
                long mine = ++begun;
                boolean ok = false;
                lock.unlock();
                try {
                    checkpoint();
                    ok = true;
                } finally {
                    lock.lock();
                    running = false;
                    if (ok) {
                        done = mine;
                    }
                    finished.signalAll();
                }
            }
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many writers wait for a running checkpoint (for tests). */
    int waiting() {
        lock.lock();
        try {
            return lock.getWaitQueueLength(finished);
        } finally {
            lock.unlock();
        }
    }

    private void checkpoint() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            throw new IllegalStateException("writing the commits to the database file failed", e);
        }
    }
}
