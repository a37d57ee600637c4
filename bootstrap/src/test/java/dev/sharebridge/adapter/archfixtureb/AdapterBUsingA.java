package dev.sharebridge.adapter.archfixtureb;

import dev.sharebridge.adapter.archfixturea.AdapterA;

/** A deliberate violation for ArchitectureRulesTest: one adapter using another. */
public final class AdapterBUsingA {
    public String name() {
        return new AdapterA().name() + "b";
    }
}
