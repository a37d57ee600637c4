package dev.sharebridge.application.archfixture.cycleb;

import dev.sharebridge.application.archfixture.cyclea.CycleA;

/** Fixture: the other half of the package cycle. */
public final class CycleB {
    public CycleA other() {
        return new CycleA();
    }
}
