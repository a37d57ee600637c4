package dev.sharebridge.application.archfixture.cyclea;

import dev.sharebridge.application.archfixture.cycleb.CycleB;

/** Fixture: one half of a package cycle, which {@code PACKAGES_ARE_ACYCLIC} must refuse. */
public final class CycleA {
    public CycleB other() {
        return new CycleB();
    }
}
