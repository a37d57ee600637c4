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
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[[^]]+] "
                + "dev\\.sharebridge\\.test - first INFO forged line third");
    }

    @Test
    void aPlainMessageIsWrittenAsItIs() throws JoranException {
        List<String> lines = logged(log -> log.info("method={} route={} status={}", "GET", "/api/s/{token}", 200));

        assertThat(lines).singleElement().asString()
                .endsWith(" - method=GET route=/api/s/{token} status=200");
    }

    @Test
    void aStackTraceIsFoldedOntoTheEventsLine() throws JoranException {
        IllegalStateException e = new IllegalStateException("outer\nsecond line", new RuntimeException("inner"));
        List<String> lines = logged(log -> log.error("it broke", e));

        assertThat(lines).hasSize(1);
        String line = lines.get(0);
        assertThat(line).contains(" - it broke java.lang.IllegalStateException: outer | second line | at ")
                .contains(" | Caused by: java.lang.RuntimeException: inner | ")
                .doesNotContain("\t").doesNotEndWith(" ").doesNotEndWith("|");
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
