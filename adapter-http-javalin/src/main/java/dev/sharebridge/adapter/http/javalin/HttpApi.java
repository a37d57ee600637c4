package dev.sharebridge.adapter.http.javalin;

import dev.sharebridge.adapter.http.javalin.account.AccountRoutes;
import dev.sharebridge.adapter.http.javalin.dav.DavRoutes;
import dev.sharebridge.adapter.http.javalin.dav.LinkPorts;
import dev.sharebridge.adapter.http.javalin.files.FileRoutes;
import dev.sharebridge.adapter.http.javalin.health.HealthRoutes;
import dev.sharebridge.adapter.http.javalin.internal.Auth;
import dev.sharebridge.adapter.http.javalin.internal.BodyRequests;
import dev.sharebridge.adapter.http.javalin.internal.ClientAddress;
import dev.sharebridge.adapter.http.javalin.internal.ClientLimit;
import dev.sharebridge.adapter.http.javalin.internal.HeldAnswers;
import dev.sharebridge.adapter.http.javalin.internal.HttpMetrics;
import dev.sharebridge.adapter.http.javalin.internal.JettyErrors;
import dev.sharebridge.adapter.http.javalin.internal.Json;
import dev.sharebridge.adapter.http.javalin.internal.Problems;
import dev.sharebridge.adapter.http.javalin.internal.RequestBodies;
import dev.sharebridge.adapter.http.javalin.internal.RequestLog;
import dev.sharebridge.adapter.http.javalin.internal.RequestMethod;
import dev.sharebridge.adapter.http.javalin.internal.RequestTarget;
import dev.sharebridge.adapter.http.javalin.internal.ResponseHeaders;
import dev.sharebridge.adapter.http.javalin.internal.SameOrigin;
import dev.sharebridge.adapter.http.javalin.metrics.MetricsRoutes;
import dev.sharebridge.adapter.http.javalin.openapi.OpenApiRoutes;
import dev.sharebridge.adapter.http.javalin.publicshare.PublicShareRoutes;
import dev.sharebridge.adapter.http.javalin.rooms.RoomRoutes;
import dev.sharebridge.adapter.http.javalin.shares.ShareCountRoutes;
import dev.sharebridge.adapter.http.javalin.shares.ShareRoutes;
import dev.sharebridge.adapter.http.javalin.signaling.SignalingRoutes;
import dev.sharebridge.adapter.http.javalin.thumbnails.ThumbnailRoutes;
import dev.sharebridge.adapter.http.javalin.uploads.UploadRoutes;
import dev.sharebridge.adapter.http.javalin.web.AppRoutes;
import dev.sharebridge.adapter.http.javalin.web.SharePageRoutes;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.session.DefaultSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;
import org.eclipse.jetty.session.SessionCache;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sharebridge HTTP API on Javalin: the owner's files and share links, the public share
 * routes, the share web page, meeting rooms with their signaling WebSocket, {@code /health},
 * {@code /openapi.yaml} and, given a Prometheus registry, {@code /metrics}. Built with plain
 * {@code new}, started and stopped by its owner.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final int RESULT_COPY_BUFFER = 4096;
    private static final int MAX_THREADS = 250;

    private final HttpSettings settings;
    private final HttpApiDependencies deps;
    private final Clock clock;
    private final MeterRegistry metrics;
    private @Nullable Javalin app;
    private HeldAnswers held; // from the first start on

    /** An API that records no metrics and has no {@code /metrics} route. */
    public HttpApi(HttpSettings settings, HttpApiDependencies deps) {
        this(settings, deps, Clock.systemUTC(), null);
    }

    /**
     * An API that records its requests into {@code metrics}, and serves them at {@code /metrics}
     * when it is a {@link PrometheusMeterRegistry}.
     */
    public HttpApi(HttpSettings settings, HttpApiDependencies deps, MeterRegistry metrics) {
        this(settings, deps, Clock.systemUTC(), Objects.requireNonNull(metrics, "metrics"));
    }

    HttpApi(HttpSettings settings, HttpApiDependencies deps, Clock clock, MeterRegistry metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.deps = Objects.requireNonNull(deps, "deps");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = metrics;
    }

    /**
     * Starts listening and logs {@code listening on http://HOST:PORT}.
     *
     * @return the bound port (the chosen one when the settings say 0)
     */
    public synchronized int start() {
        if (app != null) {
            throw new IllegalStateException("already started");
        }
        Javalin created = Javalin.create(this::configure);
        created.start();
        app = created;
        int port = created.port();
        String host = settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
        LOG.info("listening on http://{}:{}", host, port);
        return port;
    }

    /** Stops accepting requests and lets running ones finish (bounded by Jetty's stop timeout). */
    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    /** The answers being held back, for tests. */
    synchronized HeldAnswers heldAnswers() {
        return held;
    }

    /** The running server, for tests that inspect its routes; null when stopped. */
    synchronized @Nullable Javalin running() {
        return app;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * The API keeps no server-side sessions, but Javalin's WebSocket upgrade asks the servlet
     * container for one: no cookie for it, and gone from memory once the upgrade request ends.
     */
    private static void noSessions(SessionHandler sessions) {
        if (sessions == null) {
            return;
        }
        sessions.setUsingCookies(false);
        DefaultSessionCache cache = new DefaultSessionCache(sessions);
        cache.setSessionDataStore(new NullSessionDataStore());
        cache.setEvictionPolicy(SessionCache.EVICT_ON_SESSION_EXIT);
        sessions.setSessionCache(cache);
    }

    /**
     * Jetty's pool as Javalin makes it (8 to 250 threads), and where the JVM has virtual threads
     * (Java 21+) requests run on them: a request that waits for NextCloud or the database then
     * holds no platform thread. On Java 17 requests run on the pool's own threads.
     *
     * <p>Reserved threads stay at Jetty's default. Without them (tried while the open path read
     * the database on every request) a public open cost less CPU, but once link rows and file
     * metadata were kept for a moment the CPU difference was lost in the noise while the p99 of
     * the public open doubled (3.3 → 7.5 ms at ~37k req/s; docs/performance.md).
     */
    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 8, 60_000);
        pool.setName("JettyServerThreadPool");
        if (VirtualThreads.areSupported()) {
            pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("sharebridge-request"));
        }
        return pool;
    }

    /**
     * The handlers that keep slow or greedy clients from starving the others, outermost first:
     * at most {@code maxRequestsPerClient} requests of one client at once ({@link ClientLimit});
     * at most {@code maxBodyRequests} requests receiving a body at once, the others waiting
     * without a thread ({@link BodyRequests}); and a deadline for every body
     * ({@link RequestBodies}), which also tells a body the client broke off from a failure of
     * ours. With the connector's idle timeout, a client that sends nothing is closed too.
     */
    private static Handler.Wrapper slowClientGuards(ClientLimits limits, ClientAddress clients, HttpMetrics recorder) {
        Runnable clientLimitRefused = recorder == null ? () -> {} : () -> recorder.refused(HttpMetrics.CLIENT_LIMIT);
        Runnable busyRefused = recorder == null ? () -> {} : () -> recorder.refused(HttpMetrics.BUSY);
        ClientLimit perClient = new ClientLimit(clients, limits.maxRequestsPerClient(), clientLimitRefused);
        BodyRequests bodies = new BodyRequests(maxBodyRequests(limits), limits.bodyTimeout(), busyRefused);
        perClient.setHandler(bodies);
        bodies.setHandler(new RequestBodies(limits.bodyTimeout(), limits.minBodyBytesPerSecond()));
        return perClient;
    }

    /**
     * The configured number, or by the thread model: on platform threads four fifths of the pool,
     * so that a fifth always serves requests without a body; on virtual threads a waiting body
     * holds no platform thread and only memory bounds them.
     */
    static int maxBodyRequests(ClientLimits limits) {
        if (limits.maxBodyRequests() > 0) {
            return limits.maxBodyRequests();
        }
        return VirtualThreads.areSupported() ? ClientLimits.VIRTUAL_THREAD_BODY_REQUESTS : MAX_THREADS * 4 / 5;
    }

    /**
     * No compression, and no per-response decision about it either: Javalin still matches every
     * response's content type against its list of incompressible types (a case-insensitive
     * substring search), which took a sixth of the public open's CPU time under load. With no
     * compressor there is nothing to decide, so the list is emptied.
     */
    private static CompressionStrategy noCompression() {
        CompressionStrategy none = new CompressionStrategy(null, null, null);
        none.setExcludedMimeTypes(List.of());
        return none;
    }

    private void configure(JavalinConfig config) {
        Json json = new Json(settings.maxJsonBytes());
        ResponseHeaders headers = new ResponseHeaders();
        // held answers are completed on Jetty's pool, which exists once the server starts
        HeldAnswers held = HeldAnswers.on(task -> config.jetty.threadPool.execute(task));
        this.held = held;
        if (metrics != null) {
            Gauge.builder("sharebridge.http.held.answers", held, HeldAnswers::waiting)
                    .description("Answers being held back: after failed share passwords and for throttled requests")
                    .register(metrics);
        }
        Problems problems = new Problems(json, headers, held, settings.answerDelays()::of);
        Auth auth = new Auth(deps.authenticate());

        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.prefer405over404 = true;
        config.http.generateEtags = false;
        config.http.compressionStrategy = noCompression();
        // Javalin copies every result through a fresh buffer of this size (by default Jetty's
        // 32 KiB output buffer): zeroing it cost more than sending a small JSON answer
        config.http.responseBufferSize = RESULT_COPY_BUFFER;
        config.router.ignoreTrailingSlashes = true;
        config.router.treatMultipleSlashesAsSingleSlash = false;
        config.jetty.threadPool = threadPool();
        ClientLimits limits = settings.clientLimits();
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(settings.bind());
            connector.setPort(settings.port());
            connector.setIdleTimeout(limits.idleTimeout().toMillis());
            return connector;
        });
        config.jetty.modifyHttpConfiguration(http -> {
            http.setSendServerVersion(false);
            // let odd paths (%2e%2e, //, %00) reach the router, which answers them with a 400 problem
            http.setUriCompliance(UriCompliance.UNSAFE);
        });
        HttpMetrics recorder = metrics == null ? null : HttpMetrics.into(metrics);
        ClientAddress clients = new ClientAddress(settings.trustedProxies());
        config.jetty.modifyServer(server -> {
            // instead of Javalin's default StatisticsHandler, which counts what nobody reads
            // (metrics come from Micrometer) at a few per cent of every request's CPU time: a
            // GracefulHandler, whose only job is to let running requests finish on stop; inside
            // it the limits on slow and greedy clients, and the servlet context inside the last
            server.setHandler(new GracefulHandler(slowClientGuards(limits, clients, recorder)));
            server.setStopTimeout(10_000);
            server.setErrorHandler(new JettyErrors());
        });
        config.jetty.modifyWebSocketServletFactory(SignalingRoutes.limits());
        config.jetty.modifyServletContextHandler(handler -> {
            handler.getServletHandler().setDecodeAmbiguousURIs(true);
            // HEAD runs the GET route (without its body), and the method is the request line's
            handler.addFilter(new FilterHolder(new RequestMethod()), "/*", EnumSet.of(DispatcherType.REQUEST));
            noSessions(handler.getSessionHandler());
            handler.setErrorHandler(new JettyErrors.Servlet());
        });
        config.requestLogger.http((ctx, millis) -> {
            String route = RequestLog.template(ctx); // once, for the metrics and the log line
            try {
                if (recorder != null) {
                    recorder.record(ctx, route, millis);
                }
            } finally {
                RequestLog.log(ctx, route, millis);
            }
        });

        config.routes.before(ctx -> {
            RequestLog.start(ctx);
            headers.apply(ctx);
            // before any route decodes the path or the query: a malformed one is a 400, not a 500
            RequestTarget.check(ctx);
        });
        // a route that reads JSON refuses any other body before it runs (route metadata: Json.route)
        config.routes.beforeMatched(Json::checkMediaType);
        problems.register(config.routes);
        // first: Javalin tries routes in the order they were added, and these answer the public
        PublicSharePorts visitors = deps.publicShares();
        PublicShareRoutes linkRoutes = new PublicShareRoutes(
                visitors.open(),
                visitors.verify(),
                visitors.browse(),
                visitors.download(),
                visitors.change(),
                visitors.reshare(),
                json,
                clients,
                new SameOrigin(settings.publicUrl(), clients),
                settings.isHttps(),
                clock,
                task -> config.jetty.threadPool.execute(task));
        linkRoutes.register(config.routes);
        new UploadRoutes(deps.uploads(), auth, linkRoutes::access).register(config.routes);
        new ThumbnailRoutes(deps.thumbnails(), auth, linkRoutes::access).register(config.routes);
        new FileRoutes(deps.files(), auth, json).register(config.routes);
        new AccountRoutes(deps.quotas(), auth, json).register(config.routes);
        new DavRoutes(
                        deps.files(),
                        deps.authenticate(),
                        new LinkPorts(
                                visitors.open(),
                                visitors.verify(),
                                visitors.browse(),
                                visitors.download(),
                                visitors.change()),
                        clients,
                        deps.davLocks(),
                        deps.deadProperties(),
                        clock,
                        task -> config.jetty.threadPool.execute(task))
                .register(config.routes);
        new ShareCountRoutes(deps.files(), auth, json).register(config.routes); // before /api/shares/{id}
        new ShareRoutes(deps.shares(), auth, json).register(config.routes);
        new RoomRoutes(
                        deps.rooms(),
                        deps.invitations(),
                        deps.moderators(),
                        deps.sharedFolders(),
                        deps.meetings(),
                        auth,
                        json)
                .register(config.routes);
        new SignalingRoutes(deps.meetings(), deps.signaling(), json, problems).register(config.routes);
        new SharePageRoutes().register(config.routes);
        new AppRoutes().register(config.routes);
        new HealthRoutes(deps.healthChecks(), json).register(config.routes);
        new OpenApiRoutes().register(config.routes);
        if (metrics instanceof PrometheusMeterRegistry prometheus) {
            new MetricsRoutes(prometheus).register(config.routes);
        }
    }
}
