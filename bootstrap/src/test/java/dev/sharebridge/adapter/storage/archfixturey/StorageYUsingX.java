package dev.sharebridge.adapter.storage.archfixturey;

import dev.sharebridge.adapter.storage.archfixturex.StorageX;

/** A deliberate violation for ArchitectureRulesTest: two storage adapters are two modules. */
public final class StorageYUsingX {
    public String name() {
        return new StorageX().name() + "y";
    }
}
