package dev.sharebridge.adapter.nextcloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.cache.RecentStatsStorage;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.storage.StorageProviderContract;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The StorageProvider suite again on NextCloud behind {@link RecentStatsStorage}, with stat
 * results kept far longer than any test runs: every
 * change made through the provider must still show at once. Plus how many PROPFINDs a busy item
 * costs NextCloud.
 */
class RecentStatsNextcloudContractTest extends StorageProviderContract {
    private MockWebServer server;
    private FakeNextcloud nextcloud;
    private NextcloudStorageProvider provider;
    private RecentStatsStorage cached;

    @Override
    protected StorageProvider provider() throws Exception {
        server = new MockWebServer();
        nextcloud = new FakeNextcloud(TestSupport.USER, TestSupport.PASSWORD).mkdirs("opentalk/meetings");
        server.setDispatcher(nextcloud);
        server.start();
        provider = new NextcloudStorageProvider(TestSupport.settings(server, "opentalk/meetings"));
        cached = new RecentStatsStorage(provider, Duration.ofHours(1));
        return cached;
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    @Test
    void aBusyItemCostsOnePropfindUntilSomethingChangesThroughTheProvider() throws Exception {
        put("/report.txt", "v1");
        int before = server.getRequestCount();
        for (int i = 0; i < 5; i++) {
            assertThat(storage().stat(p("/report.txt")).orElseThrow().size()).isEqualTo(2);
        }
        assertThat(server.getRequestCount() - before).isEqualTo(1);
        assertThat(cached.stats().hits()).isEqualTo(4);

        put("/report.txt", "version 2");
        assertThat(storage().stat(p("/report.txt")).orElseThrow().size()).isEqualTo(9);
        storage().delete(p("/report.txt"));
        assertThat(storage().stat(p("/report.txt"))).isEmpty();
    }
}
