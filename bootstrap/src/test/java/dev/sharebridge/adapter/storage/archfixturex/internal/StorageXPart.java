package dev.sharebridge.adapter.storage.archfixturex.internal;

import dev.sharebridge.adapter.storage.archfixturex.StorageX;

/** Fixture for ArchitectureRulesTest: packages inside one adapter may use each other. */
public final class StorageXPart {
    public String name() {
        return new StorageX().name() + "-part";
    }
}
