package dev.sharebridge.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml, configured into a context of its own, writing to a captured stdout. */
class OneLineLayoutTest {

    private static List<String> logged(java.util.function.Consumer<Logger> logging) throws JoranException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(OneLineLayoutTest.class.getResource("/logback.xml"));
            logging.accept(context.getLogger("dev.sharebridge.test"));
        } finally {
            context.stop();
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aMessageWithLineBreaksStaysOnOneLine() throws JoranException {
        List<String> lines = logged(log -> log.info("first\r\nINFO forged line\n\nthird"));

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[[^]]+] "
                        + "dev\\.sharebridge\\.test - first INFO forged line third");
    }

    @Test
    void aPlainMessageIsWrittenAsItIs() throws JoranException {
        List<String> lines = logged(log -> log.info("method={} route={} status={}", "GET", "/api/s/{token}", 200));

        assertThat(lines).singleElement().asString().endsWith(" - method=GET route=/api/s/{token} status=200");
    }

    @Test
    void aStackTraceIsFoldedOntoTheEventsLine() throws JoranException {
        IllegalStateException e = new IllegalStateException("outer\nsecond line", new RuntimeException("inner"));
        List<String> lines = logged(log -> log.error("it broke", e));

        assertThat(lines).hasSize(1);
        String line = lines.get(0);
        assertThat(line)
                .contains(" - it broke java.lang.IllegalStateException: outer | second line | at ")
                .contains(" | Caused by: java.lang.RuntimeException: inner | ")
                .doesNotContain("\t")
                .doesNotEndWith(" ")
                .doesNotEndWith("|");
    }

    @Test
    void secretsALibraryQuotesAreMaskedInMessagesAndStackTraces() throws JoranException {
        String token = "l8cRsJk5bX3eEt2uCrdnQxm9Vcax4xUd";
        List<String> lines = logged(log -> {
            log.warn("Bad Authority: [/api/s/{}/list]", token);
            log.warn("GET /s/{}?x=1 and /dav/s//{}/a.txt", token, token);
            log.warn("upgrade /signaling?ticket={}&x=1 failed", token);
            log.warn("Cookie: sb_grant_0a1b2c3d={}; other=1", token);
            log.warn("Authorization: Bearer {}, then Basic {}", token, token);
            log.error(
                    "it broke",
                    new IllegalStateException(
                            "no handler for /api/s/" + token + "/zip", new RuntimeException("ticket=" + token)));
        });

        assertThat(String.join("\n", lines)).doesNotContain(token);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).endsWith(" - Bad Authority: [/api/s/***/list]");
        assertThat(lines.get(1)).endsWith(" - GET /s/***?x=1 and /dav/s//***/a.txt");
        assertThat(lines.get(2)).endsWith(" - upgrade /signaling?ticket=***&x=1 failed");
        assertThat(lines.get(3)).endsWith(" - Cookie: sb_grant_0a1b2c3d=***; other=1");
        assertThat(lines.get(4)).endsWith(" - Authorization: Bearer ***, then Basic ***");
        assertThat(lines.get(5))
                .contains("IllegalStateException: no handler for /api/s/***/zip | ")
                .contains("Caused by: java.lang.RuntimeException: ticket=*** | ");
    }

    @Test
    void routeTemplatesAndOrdinaryTextStayAsTheyAre() throws JoranException {
        List<String> messages = List.of(
                "method=GET route=/api/s/{token}/download status=200 request_id=ab12cd34",
                "route=/s/{token} and /dav/s/{token}/<path>",
                "Basic auth is off",
                "Bearer or not",
                "/users/alice/docs/report.txt",
                "s/x is no path",
                "ticket",
                "sb_grant_xyz=1");
        List<String> lines = logged(log -> messages.forEach(log::info));

        for (int i = 0; i < messages.size(); i++) {
            assertThat(lines.get(i)).endsWith(" - " + messages.get(i));
        }
    }

    @Test
    void foldingRules() {
        assertThat(OneLine.message("a\r\n\r\nb\rc\nd")).isEqualTo("a b c d");
        assertThat(OneLine.message("a\tb")).isEqualTo("a\tb");
        assertThat(OneLine.message(null)).isNull();
        assertThat(OneLine.trace("")).isEmpty();
        assertThat(OneLine.trace(" \n\t ")).isEmpty();
        assertThat(OneLine.trace("x\n\tat y\r\n\tat z\n")).isEqualTo(" x | at y | at z");
    }
}
