package dev.sharebridge.application.archfixture;

import dev.sharebridge.adapter.archfixturea.AdapterA;

/** A deliberate violation for ArchitectureRulesTest: a use case reaching into an adapter. */
public final class ApplicationUsingAnAdapter {
    public String name() {
        return new AdapterA().name();
    }
}
