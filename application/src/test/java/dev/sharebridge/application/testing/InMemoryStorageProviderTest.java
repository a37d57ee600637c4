package dev.sharebridge.application.testing;

import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.storage.StorageProviderContract;
import java.time.Clock;

/** The shared StorageProvider suite on the service tests' fake, so that they test against the port's rules. */
class InMemoryStorageProviderTest extends StorageProviderContract {
    @Override
    protected StorageProvider provider() {
        return new InMemoryStorageProvider(Clock.systemUTC());
    }
}
