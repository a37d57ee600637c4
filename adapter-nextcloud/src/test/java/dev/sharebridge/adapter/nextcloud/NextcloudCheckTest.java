package dev.sharebridge.adapter.nextcloud;

import static dev.sharebridge.adapter.nextcloud.TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** {@code check-config} against NextCloud: recorded status and user answers, documented capabilities. */
class NextcloudCheckTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private NextcloudCheck.Report run(OptionalInt expiry) {
        try (NextcloudCheck check = new NextcloudCheck(settings(server, "opentalk/meetings"))) {
            return check.run(expiry);
        }
    }

    private void enqueueHealthy(String capabilities) {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(Recorded.fixture("status/status.json"))
                .build());
        server.enqueue(Recorded.ocs(200, "status/cloud-user.json", server));
        server.enqueue(Recorded.json(200, capabilities));
    }

    private static String capabilities() {
        return Recorded.fixture("status/capabilities.json");
    }

    @Test
    void aHealthyNextcloudIsUsable() throws Exception {
        enqueueHealthy(capabilities());

        NextcloudCheck.Report report = run(OptionalInt.empty());

        assertThat(report.problems()).isEmpty();
        assertThat(report.usable()).isTrue();
        assertThat(report.version()).isEqualTo("34.0.1");
        assertThat(report.minimumPasswordLength()).isEqualTo(10);
        assertThat(report.specialCharactersRequired()).isFalse();
        assertThat(report.enforcedExpiryDays()).isEmpty();
        RecordedRequest status = server.takeRequest();
        assertThat(status.getUrl().encodedPath()).isEqualTo("/status.php");
        RecordedRequest user = server.takeRequest();
        assertThat(user.getUrl().encodedPath()).isEqualTo("/ocs/v2.php/cloud/user");
        assertThat(user.getUrl().query()).isEqualTo("format=json");
        assertThat(user.getHeaders().get("OCS-APIRequest")).isEqualTo("true");
        assertThat(user.getHeaders().get("Authorization")).isEqualTo(TestSupport.BASIC);
        RecordedRequest caps = server.takeRequest();
        assertThat(caps.getUrl().encodedPath()).isEqualTo("/ocs/v2.php/cloud/capabilities");
        assertThat(caps.getHeaders().get("OCS-APIRequest")).isEqualTo("true");
    }

    @Test
    void wrongCredentialsStopTheCheckAfterOneFailedLogin() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(Recorded.fixture("status/status.json"))
                .build());
        server.enqueue(new MockResponse.Builder(Recorded.ocs(401, "auth/ocs-401-wrong-password.json", server))
                .setHeader("WWW-Authenticate", "Basic realm=\"Authorisation Required\"")
                .build());

        NextcloudCheck.Report report = run(OptionalInt.empty());

        assertThat(report.usable()).isFalse();
        assertThat(report.problems())
                .singleElement()
                .asString()
                .contains("credentials")
                .doesNotContain(TestSupport.PASSWORD);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void disabledLinksAndUploadsAreProblems() {
        enqueueHealthy(capabilities().replace("\"upload\":true", "\"upload\":false"));
        assertThat(run(OptionalInt.empty()).problems())
                .singleElement()
                .asString()
                .contains("public uploads");
    }

    @Test
    void disabledPublicLinksAreAProblem() {
        enqueueHealthy(capabilities().replace("\"public\":{\"enabled\":true", "\"public\":{\"enabled\":false"));
        assertThat(run(OptionalInt.empty()).problems())
                .singleElement()
                .asString()
                .contains("public links");
    }

    @Test
    void anEnforcedExpiryNeedsAConfiguredExpiryWithinIt() {
        String enforced = capabilities()
                .replace(
                        "\"expire_date\":{\"enabled\":false}",
                        "\"expire_date\":{\"enabled\":true,\"days\":7,\"enforced\":true}");
        enqueueHealthy(enforced);
        NextcloudCheck.Report none = run(OptionalInt.empty());
        assertThat(none.problems()).singleElement().asString().contains("7 days");
        assertThat(none.enforcedExpiryDays()).hasValue(7);

        enqueueHealthy(enforced);
        assertThat(run(OptionalInt.of(5)).problems()).isEmpty();

        enqueueHealthy(enforced);
        assertThat(run(OptionalInt.of(30)).problems())
                .singleElement()
                .asString()
                .contains("at most 7");
    }

    @Test
    void aPasswordPolicyIsReported() {
        enqueueHealthy(capabilities()
                .replace("\"minLength\":10", "\"minLength\":16")
                .replace("\"enforceSpecialCharacters\":false", "\"enforceSpecialCharacters\":true"));

        NextcloudCheck.Report report = run(OptionalInt.empty());
        assertThat(report.minimumPasswordLength()).isEqualTo(16);
        assertThat(report.specialCharactersRequired()).isTrue();
    }

    @Test
    void anotherUserIdIsAProblem() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(Recorded.fixture("status/status.json"))
                .build());
        server.enqueue(Recorded.json(
                200, Recorded.fixture("status/cloud-user.json").replace("\"id\":\"admin\"", "\"id\":\"sb-bot\"")));
        server.enqueue(Recorded.json(200, capabilities()));

        assertThat(run(OptionalInt.empty()).problems())
                .singleElement()
                .asString()
                .contains("sb-bot");
    }

    @Test
    void maintenanceModeIsAProblem() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(Recorded.fixture("status/status.json").replace("\"maintenance\":false", "\"maintenance\":true"))
                .build());
        server.enqueue(Recorded.ocs(200, "status/cloud-user.json", server));
        server.enqueue(Recorded.json(200, capabilities()));

        assertThat(run(OptionalInt.empty()).problems())
                .singleElement()
                .asString()
                .contains("maintenance");
    }

    @Test
    void somethingElseThanNextcloudIsAProblem() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/html")
                .body("<html>hello</html>")
                .build());

        NextcloudCheck.Report report = run(OptionalInt.empty());
        assertThat(report.problems()).singleElement().asString().contains("without JSON");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anUnreachableNextcloudIsAProblem() throws Exception {
        String url = server.url("/").toString();
        server.close();
        try (NextcloudCheck check = new NextcloudCheck(NextcloudSettings.of(url, "admin", "pw", ""))) {
            assertThat(check.run().problems()).singleElement().asString().contains("could not be reached");
        }
    }
}
