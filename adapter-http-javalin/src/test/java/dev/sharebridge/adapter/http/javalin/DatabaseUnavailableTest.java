package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sharebridge.adapter.http.javalin.internal.Problems;
import dev.sharebridge.application.port.in.publicshare.BrowseShareUseCase;
import dev.sharebridge.application.port.in.publicshare.ChangeSharedContentUseCase;
import dev.sharebridge.application.port.in.publicshare.DownloadFromShareUseCase;
import dev.sharebridge.application.port.in.publicshare.OpenShareUseCase;
import dev.sharebridge.application.port.in.publicshare.ReshareUseCase;
import dev.sharebridge.application.port.in.publicshare.VerifySharePasswordUseCase;
import dev.sharebridge.application.port.out.persistence.DatabaseUnavailableException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The database down: every route that needs it answers {@code 503 upstream_unavailable} with
 * {@code Retry-After}, never a 500, and the log gets one WARN line without a stack trace rather
 * than one per request.
 */
class DatabaseUnavailableTest extends ApiTestSupport {
    private static final String DOWN =
            "the database is unavailable: 08006 An I/O error occurred while sending to the backend.";

    private static DatabaseUnavailableException down() {
        return new DatabaseUnavailableException(DOWN, new SQLException("An I/O error occurred", "08006"));
    }

    /** Public share use cases whose every call meets a dead database. */
    private static PublicSharePorts deadPublicShares() {
        return new PublicSharePorts(
                dead(OpenShareUseCase.class),
                dead(VerifySharePasswordUseCase.class),
                dead(BrowseShareUseCase.class),
                dead(DownloadFromShareUseCase.class),
                dead(ChangeSharedContentUseCase.class),
                dead(ReshareUseCase.class));
    }

    private static <T> T dead(Class<T> port) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (p, method, args) -> {
            throw down();
        }));
    }

    @Test
    void everyRouteThatMeetsADeadDatabaseAnswers503WithRetryAfterAndOneWarnLine() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(Problems.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        HttpApi dead = new HttpApi(
                new HttpSettings("127.0.0.1", 0, PUBLIC_URL, List.of()),
                new HttpApiDependencies(
                        t -> {
                            throw down();
                        },
                        files,
                        shares,
                        deadPublicShares(),
                        FakeUploads.ports(java.time.Clock.systemUTC()),
                        List.of(),
                        roomStack.roomService,
                        roomStack.invitations,
                        roomStack.moderators,
                        roomStack.sharedFolders,
                        roomStack.meetings,
                        roomStack.publisher));
        try {
            String at = "http://127.0.0.1:" + dead.start();
            List<HttpResponse<String>> answers = List.of(
                    send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(at + "/api/shares"))
                            .header("Authorization", "Bearer " + TOKEN)),
                    send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(at + "/api/folders"))
                            .header("Authorization", "Bearer " + TOKEN)),
                    send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(at + "/v1/rooms"))
                            .header("Authorization", "Bearer " + TOKEN)),
                    send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(at + "/api/s/some-token"))),
                    send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(at + "/api/s/some-token/download"))));
            for (HttpResponse<String> r : answers) {
                assertProblem(r, 503, "upstream_unavailable");
                assertThat(r.headers().firstValue("Retry-After"))
                        .as(r.uri().toString())
                        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
                assertThat(r.body()).doesNotContain("08006").doesNotContain("I/O error");
            }
            assertThat(answers.get(3).headers().firstValue("Cache-Control")).contains("no-store");
        } finally {
            dead.close();
            logger.detachAppender(appender);
        }
        List<ILoggingEvent> lines = appender.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .toList();
        assertThat(lines).as("%s", lines).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getThrowableProxy()).as("no stack trace").isNull();
            assertThat(e.getFormattedMessage())
                    .contains("database is unavailable")
                    .contains("08006")
                    .doesNotContain("some-token");
        });
    }
}
