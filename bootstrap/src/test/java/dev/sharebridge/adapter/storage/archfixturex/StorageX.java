package dev.sharebridge.adapter.storage.archfixturex;

/** Fixture for ArchitectureRulesTest: a storage adapter. */
public final class StorageX {
    public String name() {
        return "x";
    }
}
