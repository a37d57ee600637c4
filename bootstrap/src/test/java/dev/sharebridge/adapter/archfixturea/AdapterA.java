package dev.sharebridge.adapter.archfixturea;

/** Fixture for ArchitectureRulesTest. */
public final class AdapterA {
    public String name() {
        return "a";
    }
}
