package dev.sharebridge.bootstrap;

import dev.sharebridge.adapter.http.javalin.ClientLimits;
import dev.sharebridge.adapter.http.javalin.HttpApi;
import dev.sharebridge.adapter.http.javalin.HttpApiDependencies;
import dev.sharebridge.adapter.http.javalin.HttpSettings;
import dev.sharebridge.adapter.http.javalin.PublicSharePorts;
import dev.sharebridge.adapter.http.javalin.health.HealthCheck;
import dev.sharebridge.adapter.http.javalin.signaling.WebSocketSignalingPublisher;
import dev.sharebridge.adapter.http.javalin.thumbnails.ThumbnailPorts;
import dev.sharebridge.adapter.http.javalin.uploads.UploadPorts;
import dev.sharebridge.adapter.nextcloud.NextcloudCallListener;
import dev.sharebridge.adapter.nextcloud.NextcloudCheck;
import dev.sharebridge.adapter.nextcloud.NextcloudSettings;
import dev.sharebridge.adapter.nextcloud.NextcloudStorageProvider;
import dev.sharebridge.adapter.persistence.jdbi.JdbiPersistence;
import dev.sharebridge.adapter.preview.imageio.ImageIoThumbnailer;
import dev.sharebridge.adapter.storage.local.LocalStorageProvider;
import dev.sharebridge.adapter.storage.local.LocalUploadParts;
import dev.sharebridge.application.cache.RecentReads;
import dev.sharebridge.application.cache.RecentShareReads;
import dev.sharebridge.application.cache.RecentStatsStorage;
import dev.sharebridge.application.port.in.security.ResealSecretsUseCase;
import dev.sharebridge.application.port.in.user.AddUserUseCase;
import dev.sharebridge.application.port.in.user.IssueTokenUseCase;
import dev.sharebridge.application.port.in.user.ListUsersUseCase;
import dev.sharebridge.application.port.in.user.RemoveUserUseCase;
import dev.sharebridge.application.port.in.user.UserQuotaUseCase;
import dev.sharebridge.application.port.out.cache.CacheInvalidations;
import dev.sharebridge.application.port.out.limits.FailureBudgets;
import dev.sharebridge.application.port.out.persistence.DeletionFence;
import dev.sharebridge.application.port.out.persistence.MoveJournal;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.port.out.room.RoomRepository;
import dev.sharebridge.application.port.out.room.SharedFolderRepository;
import dev.sharebridge.application.port.out.security.PasswordHasher;
import dev.sharebridge.application.port.out.security.PasswordStrength;
import dev.sharebridge.application.port.out.security.SecretBox;
import dev.sharebridge.application.service.file.FileService;
import dev.sharebridge.application.service.file.InterruptedMoves;
import dev.sharebridge.application.service.file.ThumbnailService;
import dev.sharebridge.application.service.file.Thumbnails;
import dev.sharebridge.application.service.publicshare.PublicShareServices;
import dev.sharebridge.application.service.quota.QuotaSettings;
import dev.sharebridge.application.service.quota.Quotas;
import dev.sharebridge.application.service.room.MeetingBackplane;
import dev.sharebridge.application.service.room.MeetingService;
import dev.sharebridge.application.service.room.RoomInvitationsService;
import dev.sharebridge.application.service.room.RoomModeratorsService;
import dev.sharebridge.application.service.room.RoomService;
import dev.sharebridge.application.service.room.RoomSettings;
import dev.sharebridge.application.service.room.SharedFolderService;
import dev.sharebridge.application.service.security.ResealSecretsService;
import dev.sharebridge.application.service.share.ShareLinkService;
import dev.sharebridge.application.service.share.ShareSettings;
import dev.sharebridge.application.service.upload.OwnerUploadService;
import dev.sharebridge.application.service.upload.UploadEngine;
import dev.sharebridge.application.service.upload.UploadSettings;
import dev.sharebridge.application.service.user.RemoveUserService;
import dev.sharebridge.application.service.user.UserQuotaService;
import dev.sharebridge.application.service.user.UserService;
import dev.sharebridge.bootstrap.cli.Instance;
import dev.sharebridge.bootstrap.cli.ReadinessCheck;
import dev.sharebridge.bootstrap.cli.Version;
import dev.sharebridge.bootstrap.cli.WritableDirectoryCheck;
import dev.sharebridge.bootstrap.config.DatabaseConfig;
import dev.sharebridge.bootstrap.config.NextcloudAccount;
import dev.sharebridge.bootstrap.config.SecurityConfig;
import dev.sharebridge.bootstrap.config.ServerConfig;
import dev.sharebridge.bootstrap.config.SharebridgeConfig;
import dev.sharebridge.bootstrap.config.SharedFolderConfig;
import dev.sharebridge.bootstrap.config.StorageConfig;
import dev.sharebridge.bootstrap.config.UploadsConfig;
import dev.sharebridge.bootstrap.metrics.JvmMetrics;
import dev.sharebridge.bootstrap.security.AesGcmSecretBox;
import dev.sharebridge.bootstrap.security.BcryptPasswordHasher;
import dev.sharebridge.bootstrap.security.SecretKeys;
import dev.sharebridge.bootstrap.security.ZxcvbnPasswordStrength;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.StorageProvider;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the whole server for one configuration with plain {@code new},
 * and starts and stops it. End-to-end tests and embedders use {@link #open}, {@link #start}
 * (port 0 works) and {@link #close} directly; the CLI reaches it through {@code Main}.
 */
public final class Sharebridge implements Instance {
    private static final Logger LOG = LoggerFactory.getLogger(Sharebridge.class);
    /** Expired keys of the budgets of failures removed per heartbeat, at most: a short statement. */
    private static final int EXPIRED_BUDGETS_PER_SWEEP = 1_000;
    /** How often unfinished uploads are swept (also once at start). */
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(10);

    private final SharebridgeConfig config;
    private final JdbiPersistence persistence;
    private final StorageProvider files;
    /** The local directories served, by what the start-up log calls them: cleaned of crashed uploads at start. */
    private final Map<String, LocalStorageProvider> localStorage;

    private final UserService users;
    private final RemoveUserService removeUser;
    private final ResealSecretsService resealSecrets;
    private final SecretBox secretBox;
    private final HttpApi http;
    private final MeetingPresence presence;
    private final UploadEngine uploadEngine;
    private final UploadSweeper uploadSweeper;
    private final Resources resources;
    private final UserQuotaService userQuotas;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Sharebridge(
            SharebridgeConfig config,
            JdbiPersistence persistence,
            StorageProvider files,
            Map<String, LocalStorageProvider> localStorage,
            UserService users,
            RemoveUserService removeUser,
            ResealSecretsService resealSecrets,
            SecretBox secretBox,
            HttpApi http,
            MeetingPresence presence,
            UploadEngine uploadEngine,
            UploadSweeper uploadSweeper,
            Resources resources,
            UserQuotaService userQuotas) {
        this.userQuotas = userQuotas;
        this.config = config;
        this.persistence = persistence;
        this.files = files;
        this.localStorage = localStorage;
        this.users = users;
        this.removeUser = removeUser;
        this.resealSecrets = resealSecrets;
        this.secretBox = secretBox;
        this.http = http;
        this.presence = presence;
        this.uploadEngine = uploadEngine;
        this.uploadSweeper = uploadSweeper;
        this.resources = resources;
    }

    /**
     * Opens the database (migrating it), the storage and the server key, and wires every service.
     * Nothing listens until {@link #start()}.
     */
    public static Sharebridge open(SharebridgeConfig config) throws IOException {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        SecretBox secretBox = secretBox(config, random);
        SecurityConfig security = config.security();
        PasswordHasher hasher = new BcryptPasswordHasher(security.bcryptCost(), random);
        PasswordStrength strength = new ZxcvbnPasswordStrength();

        DatabaseConfig db = config.database();
        Resources resources = new Resources();
        try {
            // its close() writes the counts of link opens still in memory before the pool closes
            JdbiPersistence persistence = resources.add(JdbiPersistence.open(db.url(), db.username(), db.password()));
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            resources.add(metrics::close);
            resources.add(JvmMetrics.bindTo(metrics));
            persistence.bindMetrics(metrics);
            Map<String, LocalStorageProvider> localStorage = new LinkedHashMap<>();
            CacheInvalidations invalidations = persistence.cacheInvalidations();
            StorageProvider files = cached(
                    metrics,
                    "files",
                    config.cache().files(),
                    invalidations,
                    resources.addIfCloseable(
                            storage(config.storage(), nextcloudCallMetrics(metrics, "storage"), localStorage)));
            ServerConfig server = config.server();
            int port = server.port();
            String publicUrl = server.publicUrl();
            if (port == 0 && publicUrl.equals(defaultPublicUrl(server, 0))) {
                // Links must name the real port: pick it now, before the services learn the URL.
                port = freePort(server.bind());
                publicUrl = defaultPublicUrl(server, port);
            }
            ShareSettings settings = security.shareSettings(publicUrl);

            // link rows kept by token in front of the counting that JdbiPersistence puts on the
            // database (the order is explained in RecentShareReads and AccessGroupCommit)
            RecentShareReads shares =
                    new RecentShareReads(persistence.shares(), config.cache().shares(), invalidations);
            cacheMetrics(metrics, "shares", shares, RecentShareReads::stats);
            DeletionFence fence = persistence.deletionFence();
            UserService users = new UserService(persistence.users(), shares, files, fence, clock, random);
            // random per process start: a restarted process is never taken for the one that died
            InstanceId instance = InstanceId.random(random);
            // a finished move rewrites link rows: through the kept rows, as the repository's own changes
            MoveJournal moves = shares.around(persistence.moveJournal());
            // every write reserves its bytes first, on the database every instance shares (docs/architecture.md)
            Quotas quotas = new Quotas(
                    persistence.spaceAccounting(),
                    shares,
                    new QuotaSettings(config.limits().userQuotaBytes()),
                    config.uploads().maxBytes());
            UserQuotaService userQuotas = new UserQuotaService(
                    persistence.spaceAccounting(),
                    files,
                    new QuotaSettings(config.limits().userQuotaBytes()));
            FileService fileService =
                    new FileService(files, shares, fence, moves, instance, clock, roomFoldersInFiles(config), quotas);
            InterruptedMoves interruptedMoves = new InterruptedMoves(files, moves, instance, clock);
            ShareLinkService shareLinks =
                    new ShareLinkService(shares, files, hasher, strength, fence, clock, random, settings);

            StorageProvider roomFiles = sharedFolderStorage(
                    config,
                    files,
                    nextcloudCallMetrics(metrics, "shared_folder"),
                    metrics,
                    resources,
                    localStorage,
                    invalidations);
            RoomSettings roomSettings = RoomSettings.defaults(
                    publicUrl,
                    config.sharedFolder().provider(),
                    boxed(config.sharedFolder().expiryDays()));
            RoomRepository rooms = persistence.rooms();
            SharedFolderRepository folders = persistence.sharedFolders(secretBox, instance);
            WebSocketSignalingPublisher signaling = new WebSocketSignalingPublisher();
            MeetingService meetings = new MeetingService(
                    rooms,
                    folders,
                    new MeetingBackplane(
                            persistence.tickets(), persistence.participants(), persistence.roomEvents(), instance),
                    signaling,
                    clock,
                    random,
                    roomSettings);
            // closed after HTTP (its connections leave first), before the database
            // on PostgreSQL shared by every instance on the database; on H2 in this process's memory
            FailureBudgets failureBudgets = persistence.failureBudgets();
            MeetingPresence presence = resources.add(new MeetingPresence(
                    meetings,
                    persistence::listenForRoomEvents,
                    () -> {
                        // at start-up and at every heartbeat: the moves of instances that died
                        interruptedMoves.finishLeftovers();
                        failureBudgets.removeExpired(clock.instant(), EXPIRED_BUDGETS_PER_SWEEP);
                    },
                    roomSettings.heartbeatInterval()));
            SharedFolderService sharedFolders = resources.add(new SharedFolderService(
                    rooms, folders, shares, fence, roomFiles, hasher, meetings, clock, random, roomSettings));
            RoomService roomService = new RoomService(rooms, persistence.users(), sharedFolders, meetings, clock);
            RoomInvitationsService invitations =
                    new RoomInvitationsService(rooms, persistence.users(), meetings, clock, random);
            RoomModeratorsService moderators = new RoomModeratorsService(rooms, persistence.users(), meetings);
            PublicShareServices publicShares = new PublicShareServices(
                    shares,
                    files,
                    roomFiles,
                    hasher,
                    strength,
                    fence,
                    secretBox,
                    clock,
                    random,
                    settings,
                    failureBudgets,
                    fileService,
                    quotas);

            UploadsConfig uploadsConfig = config.uploads();
            UploadEngine uploadEngine = new UploadEngine(
                    persistence.uploads(),
                    new LocalUploadParts(uploadsConfig.directory()),
                    quotas,
                    new UploadSettings(uploadsConfig.maxBytes(), uploadsConfig.expiry()),
                    clock,
                    random);
            UploadPorts uploads = new UploadPorts(
                    new OwnerUploadService(uploadEngine, files),
                    publicShares.uploads(uploadEngine),
                    uploadsConfig.maxBytes());
            UploadSweeper uploadSweeper = resources.add(new UploadSweeper(uploadEngine, clock, SWEEP_INTERVAL));
            // one cache and one set of limits for the owners' and the links' thumbnails
            Thumbnails thumbnails =
                    new Thumbnails(resources.add(new ImageIoThumbnailer()), Thumbnails.Settings.DEFAULTS);
            ThumbnailPorts thumbnailPorts =
                    new ThumbnailPorts(new ThumbnailService(files, thumbnails), publicShares.thumbnails(thumbnails));

            List<HealthCheck> health = new ArrayList<>();
            health.add(HealthCheck.of("database", persistence::ping));
            health.add(HealthCheck.of("storage", files::ping));
            if (roomFiles != files) {
                health.add(HealthCheck.of("shared_folder", roomFiles::ping));
            }
            HttpApi http = resources.add(new HttpApi(
                    new HttpSettings(
                            server.bind(),
                            port,
                            publicUrl,
                            security.trustedProxies(),
                            config.limits().maxJsonBytes(),
                            new ClientLimits(
                                    server.idleTimeout(),
                                    server.bodyTimeout(),
                                    server.minBodyBytesPerSecond(),
                                    server.maxRequestsPerClient(),
                                    server.maxBodyRequests()),
                            security.answerDelays()),
                    new HttpApiDependencies(
                            users,
                            fileService,
                            shareLinks,
                            publicShareRoutes(publicShares),
                            uploads,
                            health,
                            roomService,
                            invitations,
                            moderators,
                            sharedFolders,
                            meetings,
                            signaling,
                            persistence.davLocks(),
                            persistence.deadProperties(),
                            thumbnailPorts,
                            userQuotas),
                    metrics));
            return new Sharebridge(
                    config,
                    persistence,
                    files,
                    localStorage,
                    users,
                    new RemoveUserService(users, roomService),
                    new ResealSecretsService(folders, secretBox),
                    secretBox,
                    http,
                    presence,
                    uploadEngine,
                    uploadSweeper,
                    resources,
                    userQuotas);
        } catch (RuntimeException e) {
            try {
                resources.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * {@code sharebridge_cache_lookups_total{cache, result="hit|miss"}}: how often a kept link row
     * or stat result was reused ({@code [cache]}); both stay 0 while that cache is off. And
     * {@code sharebridge_cache_invalidations_total{cache}}: how often another instance's change
     * ended what it kept.
     */
    private static <T> void cacheMetrics(
            MeterRegistry registry, String cache, T source, Function<T, RecentReads.Stats> stats) {
        // Micrometer holds a function counter's object weakly: the source must be one the server
        // keeps (the share repository, the storage), never a lambda made here, which the next GC would
        // take and leave the series at 0
        for (String result : List.of("hit", "miss")) {
            FunctionCounter.builder(
                            "sharebridge.cache.lookups",
                            source,
                            s -> result.equals("hit")
                                    ? stats.apply(s).hits()
                                    : stats.apply(s).misses())
                    .description("Lookups of kept link rows and file metadata ([cache]): reused (hit) or read (miss)")
                    .tag("cache", cache)
                    .tag("result", result)
                    .register(registry);
        }
        FunctionCounter.builder(
                        "sharebridge.cache.invalidations",
                        source,
                        s -> stats.apply(s).invalidations())
                .description("Times everything kept ([cache]) was forgotten for a change another instance made")
                .tag("cache", cache)
                .register(registry);
    }

    /**
     * {@code sharebridge_nextcloud_calls_seconds} by provider ({@code storage} or
     * {@code shared_folder}), operation and outcome; the adapter names both from a fixed list.
     */
    static NextcloudCallListener nextcloudCallMetrics(MeterRegistry registry, String provider) {
        return (operation, outcome, duration) -> Timer.builder("sharebridge.nextcloud.calls")
                .description("Requests to NextCloud, until the answer's headers, by operation and outcome")
                .tag("provider", provider)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry)
                .record(duration);
    }

    /**
     * The keyring: the current key from {@code secret_key}, else from {@code secret_key_file}, else
     * from the data directory's key file (created on first use; the configuration allows that on
     * H2 only), and the {@code previous_secret_keys}. The key bytes live only as long as this takes.
     */
    private static SecretBox secretBox(SharebridgeConfig config, SecureRandom random) throws IOException {
        SecurityConfig security = config.security();
        byte[] current;
        if (security.secretKey().isPresent()) {
            current = SecretKeys.decode(security.secretKey().get());
        } else if (security.secretKeyFile().isPresent()) {
            current = SecretKeys.load(security.secretKeyFile().get());
        } else {
            current = SecretKeys.loadOrCreate(config.secretKeyFile(), random);
        }
        List<byte[]> previous =
                security.previousSecretKeys().stream().map(SecretKeys::decode).toList();
        try {
            return new AesGcmSecretBox(current, previous, random);
        } finally {
            Arrays.fill(current, (byte) 0);
            previous.forEach(key -> Arrays.fill(key, (byte) 0));
        }
    }

    private static StorageProvider storage(
            StorageConfig storage, NextcloudCallListener calls, Map<String, LocalStorageProvider> localStorage) {
        if (storage instanceof StorageConfig.Local local) {
            return local(localStorage, "storage", local.root());
        }
        StorageConfig.Nextcloud nc = (StorageConfig.Nextcloud) storage;
        return new NextcloudStorageProvider(nextcloudSettings(nc.account(), nc.directory()), calls);
    }

    private static LocalStorageProvider local(Map<String, LocalStorageProvider> localStorage, String which, Path root) {
        LocalStorageProvider provider = new LocalStorageProvider(root);
        localStorage.put(which, provider);
        return provider;
    }

    /** The public routes' ports, each served by its own service of {@code services}. */
    private static PublicSharePorts publicShareRoutes(PublicShareServices services) {
        return new PublicSharePorts(
                services.open(),
                services.verify(),
                services.browse(),
                services.download(),
                services.change(),
                services.reshare());
    }

    /** {@code storage} behind the stat cache of {@code [cache] files_ms}, counted in metrics as {@code name}. */
    private static StorageProvider cached(
            MeterRegistry metrics,
            String name,
            Duration maxStaleness,
            CacheInvalidations invalidations,
            StorageProvider storage) {
        RecentStatsStorage cached = new RecentStatsStorage(storage, maxStaleness, invalidations);
        cacheMetrics(metrics, name, cached, RecentStatsStorage::stats);
        return cached;
    }

    /**
     * Where meeting folders live: NextCloud when [shared_folder] says so; otherwise a local
     * directory — the [storage] root itself (room folders sit beside the users' spaces, which
     * are under {@code users/}) or, with a [shared_folder] directory, a folder below it.
     */
    private static StorageProvider sharedFolderStorage(
            SharebridgeConfig config,
            StorageProvider files,
            NextcloudCallListener calls,
            MeterRegistry metrics,
            Resources resources,
            Map<String, LocalStorageProvider> localStorage,
            CacheInvalidations invalidations) {
        SharedFolderConfig shared = config.sharedFolder();
        if (shared.nextcloud().isPresent()) {
            return resources.add(new NextcloudStorageProvider(
                    nextcloudSettings(shared.nextcloud().get(), shared.directory()), calls));
        }
        Path root = config.storage() instanceof StorageConfig.Local local
                ? local.root()
                : config.server().dataDir().resolve("files");
        if (shared.directory().isEmpty() && config.storage() instanceof StorageConfig.Local) {
            return files;
        }
        return cached(
                metrics,
                "shared_folder_files",
                config.cache().files(),
                invalidations,
                local(
                        localStorage,
                        "shared folder storage",
                        shared.directory().isEmpty() ? root : root.resolve(shared.directory())));
    }

    /**
     * Where the meeting folders are in the files storage's own paths, when that storage also
     * holds them (see {@link #sharedFolderStorage}): the owners' moves leave them where they are
     * (FileService). Empty when they are kept elsewhere.
     */
    static Optional<ItemPath> roomFoldersInFiles(SharebridgeConfig config) {
        SharedFolderConfig shared = config.sharedFolder();
        ItemPath directory = ItemPath.parse(shared.directory());
        if (shared.nextcloud().isEmpty()) {
            return config.storage() instanceof StorageConfig.Local ? Optional.of(directory) : Optional.empty();
        }
        if (config.storage() instanceof StorageConfig.Nextcloud nc
                && nc.account().url().equals(shared.nextcloud().get().url())
                && nc.account().username().equals(shared.nextcloud().get().username())) {
            ItemPath storageDirectory = ItemPath.parse(nc.directory());
            return directory.startsWith(storageDirectory)
                    ? Optional.of(directory.relativeTo(storageDirectory))
                    : Optional.empty();
        }
        return Optional.empty();
    }

    private static String defaultPublicUrl(ServerConfig server, int port) {
        return "http://" + server.urlHost() + ":" + port;
    }

    private static int freePort(String bind) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(bind))) {
            return socket.getLocalPort();
        }
    }

    private static Optional<Integer> boxed(OptionalInt value) {
        return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
    }

    static NextcloudSettings nextcloudSettings(NextcloudAccount account, String directory) {
        return NextcloudSettings.of(account.url().toString(), account.username(), account.password(), directory);
    }

    /**
     * Logs what is served (version, database, storage), removes what uploads a crash interrupted
     * from local storage, and starts HTTP. @return the bound port
     */
    @Override
    public int start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        LOG.info(
                "Sharebridge {} starting: database {}, storage {}, shared folders {}",
                Version.current(),
                config.database().urlWithoutCredentials(),
                describe(config.storage()),
                describe(config.sharedFolder(), config.storage()));
        // the id tells which key is in use, so that instances can be compared; it reveals nothing of the key
        int previous = secretBox.keyIds().size() - 1;
        LOG.info(
                "server key {}{}",
                secretBox.keyId(),
                previous == 0
                        ? ""
                        : ", and " + previous + " previous key" + (previous == 1 ? "" : "s")
                                + " that still open and verify");
        localStorage.forEach((which, local) -> {
            int removed = local.removeInterruptedUploads();
            if (removed > 0) {
                LOG.info(
                        "removed {} unfinished upload{} left by an earlier crash from the {}",
                        removed,
                        removed == 1 ? "" : "s",
                        which);
            }
        });
        presence.start();
        uploadSweeper.start();
        return http.start();
    }

    /** The storage as the start-up line names it: provider and place, never a password. */
    static String describe(StorageConfig storage) {
        if (storage instanceof StorageConfig.Local local) {
            return "local " + local.root().toAbsolutePath().normalize();
        }
        StorageConfig.Nextcloud nc = (StorageConfig.Nextcloud) storage;
        return "nextcloud " + describe(nc.account(), nc.directory());
    }

    private static String describe(SharedFolderConfig shared, StorageConfig storage) {
        if (shared.nextcloud().isPresent()) {
            return "nextcloud " + describe(shared.nextcloud().get(), shared.directory());
        }
        String where = shared.directory().isEmpty() ? "" : " in " + shared.directory();
        return storage instanceof StorageConfig.Local
                ? "local" + where + " (the storage)"
                : "local" + where + " (under the data directory)";
    }

    private static String describe(NextcloudAccount account, String directory) {
        URI url = account.url();
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        return url.getScheme() + "://" + url.getHost() + port + url.getRawPath() + " as " + account.username()
                + (directory.isEmpty() ? "" : ", directory " + directory);
    }

    /**
     * Sweeps unfinished uploads as if it were {@code now} (what the periodic sweep does with the
     * clock's time), for tests. @return how many were removed
     */
    public int sweepUploads(Instant now) {
        return uploadEngine.sweep(now);
    }

    /** Stops HTTP and closes the database; safe to call more than once. */
    public void stop() {
        close();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // the HTTP server first (it stops taking requests and lets running ones end), then the
        // services, the storage providers' connection pools and the database, last first
        resources.close();
    }

    @Override
    public AddUserUseCase addUser() {
        return users;
    }

    @Override
    public ListUsersUseCase listUsers() {
        return users;
    }

    @Override
    public UserQuotaUseCase userQuota() {
        return userQuotas;
    }

    @Override
    public RemoveUserUseCase removeUser() {
        return removeUser;
    }

    @Override
    public IssueTokenUseCase issueToken() {
        return users;
    }

    @Override
    public ResealSecretsUseCase resealSecrets() {
        return resealSecrets;
    }

    @Override
    public List<ReadinessCheck> checks() {
        List<ReadinessCheck> checks = new ArrayList<>();
        checks.add(new ReadinessCheck() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public Optional<String> problem() {
                try {
                    persistence.ping();
                    return Optional.empty();
                } catch (RuntimeException e) {
                    return Optional.of("does not answer (" + e.getClass().getSimpleName() + ")");
                }
            }
        });
        if (config.storage() instanceof StorageConfig.Local) {
            checks.add(new WritableDirectoryCheck("storage", ((StorageConfig.Local) config.storage()).root()));
        }
        if (config.storage() instanceof StorageConfig.Nextcloud nc) {
            checks.add(nextcloudCheck(
                    "storage (nextcloud)", nextcloudSettings(nc.account(), nc.directory()), OptionalInt.empty()));
        }
        config.sharedFolder()
                .nextcloud()
                .ifPresent(account -> checks.add(nextcloudCheck(
                        "shared_folder (nextcloud)",
                        nextcloudSettings(account, config.sharedFolder().directory()),
                        config.sharedFolder().expiryDays())));
        return checks;
    }

    /** Reaches NextCloud, logs in once and reads its capabilities; every problem on one line. */
    private static ReadinessCheck nextcloudCheck(String name, NextcloudSettings settings, OptionalInt expiryDays) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> problem() {
                try (NextcloudCheck check = new NextcloudCheck(settings)) {
                    NextcloudCheck.Report report = check.run(expiryDays);
                    return report.usable() ? Optional.empty() : Optional.of(String.join("; ", report.problems()));
                } catch (RuntimeException e) {
                    return Optional.of("check failed (" + e.getClass().getSimpleName() + ")");
                }
            }
        };
    }

    public SharebridgeConfig config() {
        return config;
    }

    StorageProvider files() {
        return files;
    }
}
