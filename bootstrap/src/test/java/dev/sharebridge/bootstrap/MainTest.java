package dev.sharebridge.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void onlyServeLogsAtInfo() {
        assertThat(Main.isQuietCommand(new String[0])).isFalse();
        assertThat(Main.isQuietCommand(new String[] {"serve", "--config", "x.toml"}))
                .isFalse();
        assertThat(Main.isQuietCommand(new String[] {"--config", "x.toml", "users", "add", "a"}))
                .isTrue();
        assertThat(Main.isQuietCommand(new String[] {"check-config"})).isTrue();
        assertThat(Main.isQuietCommand(new String[] {"--help"})).isTrue();
    }
}
