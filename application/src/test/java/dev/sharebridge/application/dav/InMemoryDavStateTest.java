package dev.sharebridge.application.dav;

import dev.sharebridge.application.port.out.dav.DavLockStore;
import dev.sharebridge.application.port.out.dav.DavSpaceKey;
import dev.sharebridge.application.port.out.dav.DavStateContract;
import dev.sharebridge.application.port.out.dav.DeadPropertyStore;
import java.util.UUID;

/** The WebDAV state contract in memory. */
class InMemoryDavStateTest extends DavStateContract {
    private DavLockStore locks = new InMemoryDavLocks();
    private DeadPropertyStore properties = new InMemoryDeadProperties();

    @Override
    protected DavLockStore locks() {
        return locks;
    }

    @Override
    protected DeadPropertyStore properties() {
        return properties;
    }

    @Override
    protected void emptyStore() {
        locks = new InMemoryDavLocks();
        properties = new InMemoryDeadProperties();
    }

    @Override
    protected DavSpaceKey.Link newLink() {
        return (DavSpaceKey.Link) DavSpaceKey.link(UUID.randomUUID().toString());
    }
}
