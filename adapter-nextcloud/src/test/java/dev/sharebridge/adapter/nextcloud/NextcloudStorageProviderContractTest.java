package dev.sharebridge.adapter.nextcloud;

import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.storage.StorageProviderContract;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;

/**
 * The shared StorageProvider suite on the NextCloud adapter, against {@link FakeNextcloud} (an
 * in-memory WebDAV tree answering like the recordings) behind a MockWebServer.
 *
 * <p>PENDING: this file lives in src/test/java-pending (not compiled by Maven) because
 * {@code dev.sharebridge.domain.storage.StorageProviderContract} is written on another branch and
 * ships in the domain test-jar. Once that is merged into main, move this file to src/test/java.
 * It assumes the suite calls {@code protected abstract StorageProvider provider() throws Exception}
 * once per test.
 */
class NextcloudStorageProviderContractTest extends StorageProviderContract {
    private MockWebServer server;
    private NextcloudStorageProvider provider;

    @Override
    protected StorageProvider provider() throws Exception {
        server = new MockWebServer();
        // The configured directory exists, as it does after the first use on a real server.
        server.setDispatcher(new FakeNextcloud(TestSupport.USER, TestSupport.PASSWORD).mkdirs("opentalk/meetings"));
        server.start();
        provider = new NextcloudStorageProvider(TestSupport.settings(server, "opentalk/meetings"));
        return provider;
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }
}
