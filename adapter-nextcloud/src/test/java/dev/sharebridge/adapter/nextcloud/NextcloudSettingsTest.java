package dev.sharebridge.adapter.nextcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NextcloudSettingsTest {

    @Test
    void defaultsAndNormalisation() {
        NextcloudSettings s =
                NextcloudSettings.of("https://cloud.example.org/nextcloud", "bot", "pw", "/opentalk/meetings/");
        assertThat(s.baseUrl()).isEqualTo("https://cloud.example.org/nextcloud/");
        assertThat(s.directory()).isEqualTo("opentalk/meetings");
        assertThat(s.directoryPath()).isEqualTo(ItemPath.of("opentalk", "meetings"));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.callTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(NextcloudSettings.of("https://cloud.example.org/", "bot", "pw", null)
                        .directory())
                .isEmpty();
    }

    @Test
    void toStringNeverShowsThePassword() {
        NextcloudSettings s = NextcloudSettings.of("https://cloud.example.org/", "bot", "v3rys3cr3t", "");
        assertThat(s.toString()).doesNotContain("v3rys3cr3t").contains("bot").contains("cloud.example.org");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:8080/",
                "http://127.9.8.7/",
                "http://localhost/nc",
                "http://[::1]:8080/",
                "http://LOCALHOST/",
                "https://cloud.example.org",
                "https://10.0.0.5/"
            })
    void httpsEverywhereHttpOnlyOnLoopback(String url) {
        assertThat(NextcloudSettings.of(url, "bot", "pw", "").baseUrl()).endsWith("/");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://cloud.example.org/",
                "http://10.0.0.5/",
                "http://128.0.0.1/",
                "http://localhost.example.org/",
                "http://127.0.0.1.nip.io/",
                "http://[::2]/",
                "ftp://cloud.example.org/",
                "cloud.example.org",
                "",
                "https://bot:pw@cloud.example.org/",
                "https://cloud.example.org/?x=1",
                "https://cloud.example.org/#f"
            })
    void everythingElseIsRefused(String url) {
        assertThatThrownBy(() -> NextcloudSettings.of(url, "bot", "secret-pw", ""))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageNotContaining("secret-pw")
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("url"));
    }

    @Test
    void otherFieldsAreChecked() {
        assertThatThrownBy(() -> NextcloudSettings.of("https://c.example.org", "", "pw", ""))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> NextcloudSettings.of("https://c.example.org", "a/b", "pw", ""))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> NextcloudSettings.of("https://c.example.org", "bot", "", ""))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> NextcloudSettings.of("https://c.example.org", "bot", "pw", "a/../b"))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("directory"));
        assertThatThrownBy(() -> NextcloudSettings.of("https://c.example.org", "bot", "pw", "")
                        .withTimeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(InvalidValueException.class);
    }
}
