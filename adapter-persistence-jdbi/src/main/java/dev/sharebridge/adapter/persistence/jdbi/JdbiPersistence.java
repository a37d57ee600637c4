package dev.sharebridge.adapter.persistence.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sharebridge.application.cache.InProcessCacheInvalidations;
import dev.sharebridge.application.counting.AccessGroupCommit;
import dev.sharebridge.application.limits.InMemoryFailureBudgets;
import dev.sharebridge.application.port.out.cache.CacheInvalidations;
import dev.sharebridge.application.port.out.dav.DavLockStore;
import dev.sharebridge.application.port.out.dav.DeadPropertyStore;
import dev.sharebridge.application.port.out.limits.FailureBudgets;
import dev.sharebridge.application.port.out.persistence.DeletionFence;
import dev.sharebridge.application.port.out.persistence.MoveJournal;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.persistence.UserRepository;
import dev.sharebridge.application.port.out.quota.SpaceAccounting;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.port.out.room.ParticipantRegistry;
import dev.sharebridge.application.port.out.room.RoomRepository;
import dev.sharebridge.application.port.out.room.SharedFolderRepository;
import dev.sharebridge.application.port.out.room.TicketStore;
import dev.sharebridge.application.port.out.security.SecretBox;
import dev.sharebridge.application.port.out.signaling.RoomEvents;
import dev.sharebridge.application.port.out.upload.UploadRepository;
import dev.sharebridge.application.service.signaling.InProcessRoomEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The database behind Sharebridge's repositories (H2 or PostgreSQL): one connection pool, the
 * schema migrated on open, and the repositories that use it. Close it to release the pool.
 */
public final class JdbiPersistence implements AutoCloseable {
    private static final String H2_PREFIX = "jdbc:h2:";
    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final UserRepository users;
    /** The table itself: every call reaches the database. */
    private final ShareRepository shareTable;

    private final AccessGroupCommit shares;
    private final RoomRepository rooms;
    private final DeletionFence fence;
    private final MoveJournal moveJournal;
    private final TicketStore tickets;
    private final ParticipantRegistry participants;
    private final RoomEvents roomEvents;
    private final FailureBudgets failureBudgets;
    private final CacheInvalidations cacheInvalidations;
    private final DavLockStore davLocks;
    private final DeadPropertyStore deadProperties;

    private JdbiPersistence(HikariDataSource dataSource, boolean h2File, Properties credentials) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource)
                .installPlugin(new SqlObjectPlugin())
                .registerRowMapper(new UserRowMapper())
                .registerRowMapper(new ShareRowMapper())
                .registerRowMapper(new RoomRowMapper())
                .registerRowMapper(new RoomMemberRowMapper())
                .registerRowMapper(new SharedFolderRowMapper())
                .registerRowMapper(
                        RoomSql.InviteCodeRow.class,
                        (rs, ctx) -> new RoomSql.InviteCodeRow(rs.getString("code_hash"), rs.getString("room_id")));
        // Jdbi puts bound values into exception messages by default; they include tokens and
        // hashes, so messages name the statement only
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(JdbiPersistence::statementOnly);
        DurableCommits commits = h2File ? DurableCommits.forH2(dataSource, jdbi) : DurableCommits.notNeeded();
        // every repository reports a database that cannot be reached as DatabaseUnavailableException
        this.users = DatabaseFailures.guarded(UserRepository.class, new JdbiUserRepository(jdbi));
        this.shareTable =
                DatabaseFailures.guarded(ShareRepository.class, new JdbiShareRepository(jdbi, dataSource, commits));
        // every counted access committed in the batch of those that arrive together
        this.shares = new AccessGroupCommit(shareTable);
        this.rooms = DatabaseFailures.guarded(RoomRepository.class, new JdbiRoomRepository(jdbi));
        this.fence = DatabaseFailures.guarded(DeletionFence.class, new JdbiDeletionFence(jdbi));
        this.moveJournal = DatabaseFailures.guarded(MoveJournal.class, new JdbiMoveJournal(jdbi));
        this.tickets = DatabaseFailures.guarded(TicketStore.class, new JdbiTicketStore(jdbi));
        this.participants = DatabaseFailures.guarded(ParticipantRegistry.class, new JdbiParticipantRegistry(jdbi));
        JdbiDavState dav = new JdbiDavState(jdbi);
        this.davLocks = DatabaseFailures.guarded(DavLockStore.class, dav);
        this.deadProperties = DatabaseFailures.guarded(DeadPropertyStore.class, dav);
        String url = dataSource.getJdbcUrl();
        boolean postgres = url.regionMatches(true, 0, POSTGRES_PREFIX, 0, POSTGRES_PREFIX.length());
        if (postgres) {
            String where = channelSuffix(jdbi);
            PostgresCacheInvalidations caches =
                    new PostgresCacheInvalidations(jdbi, "sharebridge_caches_" + where, new SecureRandom());
            this.cacheInvalidations = caches;
            this.roomEvents = new PostgresRoomEvents(jdbi, url, credentials, "sharebridge_rooms_" + where, caches);
        } else {
            this.cacheInvalidations = new InProcessCacheInvalidations();
            this.roomEvents = new InProcessRoomEvents();
        }
        this.failureBudgets = postgres
                ? DatabaseFailures.guarded(FailureBudgets.class, new PostgresFailureBudgets(jdbi))
                : new InMemoryFailureBudgets();
    }

    /**
     * What names the notification channels of this database and schema: processes on the same
     * ones share them, and those on another schema of the same database (tests) do not hear each
     * other.
     */
    private static String channelSuffix(Jdbi jdbi) {
        String where = jdbi.withHandle(h -> h.createQuery("SELECT current_database() || '/' || current_schema()")
                .mapTo(String.class)
                .one());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(where.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Connects, migrates the schema to the newest version and returns the repositories.
     *
     * <p>An embedded H2 file database is opened with {@code AUTO_SERVER=TRUE} (unless the URL
     * says otherwise), so the CLI can use it while the server runs; its directory is created. On
     * H2 every write returns only once it is in the database file and on the disk, so that a
     * process killed outright loses nothing it acknowledged (see {@link DurableCommits}); the
     * embedded file is opened with {@code RETENTION_TIME=0} (unless the URL sets it), so that the
     * space of old versions is reused at once rather than after 45 s.
     *
     * <p>{@link #shares()} commits counted accesses in batches, each access answered once the
     * batch that carries it is committed ({@link AccessGroupCommit}), as the server does;
     * {@link #close()} commits what has arrived before it closes the pool. Rows are not kept by token: the server puts
     * {@link dev.sharebridge.application.cache.RecentShareReads} in front of {@link #shares()}
     * for that ({@code [cache] shares_ms}), and an embedding application may do the same.
     *
     * @param username empty or null for none
     * @param password empty or null for none
     * @throws RuntimeException when the database cannot be reached or migrated
     */
    public static JdbiPersistence open(String jdbcUrl, String username, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        HikariConfig config = new HikariConfig();
        config.setPoolName("sharebridge");
        config.setJdbcUrl(prepareH2FileUrl(jdbcUrl));
        if (username != null && !username.isEmpty()) {
            config.setUsername(username);
        }
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        // small on purpose: every statement is short, and H2 serialises writers anyway
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(2);
        // /health must notice a dead database in seconds, not after Hikari's default 30 s
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        if (isH2(jdbcUrl)) {
            // H2 waits only 1 s for a row lock by default; concurrent counting of one share queues longer
            config.setConnectionInitSql("SET LOCK_TIMEOUT 10000");
        }
        Properties credentials = new Properties();
        if (username != null && !username.isEmpty()) {
            credentials.setProperty("user", username);
        }
        if (password != null && !password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            return new JdbiPersistence(dataSource, isH2(jdbcUrl) && !isH2InMemory(jdbcUrl), credentials);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * The repositories below report a database that cannot be reached, refuses connections or
     * lost one (SQLSTATE class 08 and the like, see {@link SqlStates#isConnectionFailure}) as
     * {@link dev.sharebridge.application.port.out.persistence.DatabaseUnavailableException}.
     */
    public UserRepository users() {
        return users;
    }

    /**
     * The share links, with counted accesses committed in batches ({@link AccessGroupCommit}):
     * put any further decorator in front of this one, not behind.
     */
    public ShareRepository shares() {
        return shares;
    }

    public RoomRepository rooms() {
        return rooms;
    }

    /** Keeps link creations and item deletions apart; stores its links in {@link #shares()}'s table. */
    public DeletionFence deletionFence() {
        return fence;
    }

    /**
     * The moves of items with share links in progress; its {@code finish} rewrites links in
     * {@link #shares()}'s table (put {@code RecentShareReads#around} in front of it where rows are
     * kept by token). Whether an instance is live is read from {@link #participants()}'s leases.
     */
    public MoveJournal moveJournal() {
        return moveJournal;
    }

    /**
     * The rooms' shared folders; link passwords are sealed with {@code secrets} at rest, so every
     * repository on one database must use the same server key. Cheap: call once and keep it.
     */
    public SharedFolderRepository sharedFolders(SecretBox secrets) {
        return DatabaseFailures.guarded(
                SharedFolderRepository.class, new JdbiSharedFolderRepository(jdbi, secrets, Optional.empty()));
    }

    /**
     * As {@link #sharedFolders(SecretBox)}, for a server instance that holds a lease in
     * {@link #participants()}: its creation claims name it, and another instance takes one over
     * as soon as that lease has run out (the instance died), not only when the claim's own does.
     */
    public SharedFolderRepository sharedFolders(SecretBox secrets, InstanceId holder) {
        return DatabaseFailures.guarded(
                SharedFolderRepository.class, new JdbiSharedFolderRepository(jdbi, secrets, Optional.of(holder)));
    }

    /** The used bytes and quotas of the users' spaces and what links received, for every instance. */
    public SpaceAccounting spaceAccounting() {
        return DatabaseFailures.guarded(SpaceAccounting.class, new JdbiSpaceAccounting(jdbi));
    }

    /** The resumable uploads in progress (their state; the bytes are in partial files), for every instance. */
    public UploadRepository uploads() {
        return DatabaseFailures.guarded(UploadRepository.class, new JdbiUploadRepository(jdbi));
    }

    /** Signaling tickets, usable on every instance on this database. */
    public TicketStore tickets() {
        return tickets;
    }

    /**
     * The budgets of failures of the public routes (wrong passwords, not-found answers): on
     * PostgreSQL in the database, shared by every instance on it, each attempt one upsert; on H2,
     * which serves one instance, in this process's memory. One per database: call once and keep it.
     */
    public FailureBudgets failureBudgets() {
        return failureBudgets;
    }

    /**
     * The WebDAV write locks, in the database on H2 and PostgreSQL alike: every instance on it
     * sees the same locks, a lock whose timeout passed is gone on all of them, and a space's
     * locks end with its user or link (docs/webdav.md).
     */
    public DavLockStore davLocks() {
        return davLocks;
    }

    /** The WebDAV dead properties, in the database, as {@link #davLocks()}. */
    public DeadPropertyStore deadProperties() {
        return deadProperties;
    }

    /** The instances on this database and the meeting participants connected to each. */
    public ParticipantRegistry participants() {
        return participants;
    }

    /**
     * The room-event channel: on PostgreSQL {@code LISTEN/NOTIFY}, which reaches every process on
     * this database and schema once {@link #listenForRoomEvents()} has started; on H2 an
     * in-process bus (events stay in this process).
     */
    public RoomEvents roomEvents() {
        return roomEvents;
    }

    /**
     * The channel that tells the caches of every process on this database and schema of changes:
     * on PostgreSQL {@code NOTIFY}, received on the room events' connection, so it receives (and
     * the caches keep anything) only once {@link #listenForRoomEvents()} has started and while
     * that connection lives; on H2 an in-process bus, which always receives.
     */
    public CacheInvalidations cacheInvalidations() {
        return cacheInvalidations;
    }

    /**
     * Starts receiving room events and cache invalidations of every process on the database
     * (PostgreSQL: one connection of its own for both, outside the pool, until {@link #close()});
     * with H2 nothing is needed.
     */
    public void listenForRoomEvents() {
        if (roomEvents instanceof PostgresRoomEvents pg) {
            pg.start();
        }
    }

    /**
     * Asks the database for an answer, for health checks.
     *
     * @throws IllegalStateException when it does not answer
     */
    public void ping() {
        try {
            jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
        } catch (RuntimeException e) {
            throw new IllegalStateException("the database does not answer", e);
        }
    }

    /**
     * Publishes the connection pool's gauges and timers ({@code hikaricp_*}, tagged
     * {@code pool="sharebridge"}) to {@code registry}. At most once per instance.
     */
    public void bindMetrics(MeterRegistry registry) {
        dataSource.setMetricRegistry(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void close() {
        try {
            if (roomEvents instanceof PostgresRoomEvents pg) {
                pg.close();
            }
        } finally {
            try {
                // the counts still in memory, while the pool is open
                shares.close();
            } finally {
                dataSource.close();
            }
        }
    }

    private static String statementOnly(StatementException e) {
        StatementContext ctx = e.getStatementContext();
        return ctx == null || ctx.getRawSql() == null
                ? ""
                : " [statement: " + ctx.getRawSql().strip() + "]";
    }

    /** For tests in this package: the share repository without the counting in front of it. */
    ShareRepository shareTable() {
        return shareTable;
    }

    /** For tests in this package, which need to reset tables. */
    Jdbi jdbi() {
        return jdbi;
    }

    private static boolean isH2(String jdbcUrl) {
        return jdbcUrl.regionMatches(true, 0, H2_PREFIX, 0, H2_PREFIX.length());
    }

    private static boolean isH2InMemory(String jdbcUrl) {
        return jdbcUrl.regionMatches(true, H2_PREFIX.length(), "mem:", 0, 4);
    }

    /**
     * For an embedded H2 file database: adds {@code AUTO_SERVER=TRUE} and {@code RETENTION_TIME=0}
     * unless the URL sets them, and creates the database's directory. Any other URL is returned
     * unchanged.
     *
     * <p>{@code RETENTION_TIME=0}: H2 keeps the file space of replaced data for 45 s by default,
     * in case the operating system wrote a newer part of the file before an older one and the
     * power fails. Every commit here is forced to the disk before it is answered (see
     * {@link DurableCommits}), so that protection is not needed, and with a forced write per
     * commit it let the file grow by about 20 KB per write for 45 s (2 GB in 20 s of heavy writes).
     */
    static String prepareH2FileUrl(String jdbcUrl) {
        if (!isH2(jdbcUrl)) {
            return jdbcUrl;
        }
        String rest = jdbcUrl.substring(H2_PREFIX.length());
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:")
                || lower.startsWith("tcp:")
                || lower.startsWith("ssl:")
                || lower.startsWith("zip:")) {
            return jdbcUrl;
        }
        int settings = rest.indexOf(';');
        String file = settings < 0 ? rest : rest.substring(0, settings);
        if (file.regionMatches(true, 0, "file:", 0, 5)) {
            file = file.substring(5);
        }
        if (file.startsWith("~")) {
            file = System.getProperty("user.home") + file.substring(1);
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the database directory " + parent, e);
            }
        }
        String url = lower.contains(";auto_server=") ? jdbcUrl : jdbcUrl + ";AUTO_SERVER=TRUE";
        return lower.contains(";retention_time=") ? url : url + ";RETENTION_TIME=0";
    }
}
