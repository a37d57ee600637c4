package dev.sharebridge.bootstrap.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Checks the production classes of every module on bootstrap's classpath against the arrows. */
@AnalyzeClasses(packages = "dev.sharebridge", importOptions = ArchitectureRules.ProductionCodeOnly.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainUsesOnlyTheJdk = ArchitectureRules.DOMAIN_USES_ONLY_THE_JDK;

    @ArchTest
    static final ArchRule applicationUsesOnlyDomainAndTheJdk =
            ArchitectureRules.APPLICATION_USES_ONLY_DOMAIN_AND_THE_JDK;

    @ArchTest
    static final ArchRule noFrameworkInsideTheHexagon = ArchitectureRules.NO_FRAMEWORK_INSIDE_THE_HEXAGON;

    @ArchTest
    static final ArchRule hexagonDoesNotKnowAdaptersOrBootstrap =
            ArchitectureRules.HEXAGON_DOES_NOT_KNOW_ADAPTERS_OR_BOOTSTRAP;

    @ArchTest
    static final ArchRule adaptersDoNotKnowEachOther = ArchitectureRules.ADAPTERS_DO_NOT_KNOW_EACH_OTHER;

    @ArchTest
    static final ArchRule adaptersDoNotKnowBootstrap = ArchitectureRules.ADAPTERS_DO_NOT_KNOW_BOOTSTRAP;

    @ArchTest
    static final ArchRule packagesAreAcyclic = ArchitectureRules.PACKAGES_ARE_ACYCLIC;

    @ArchTest
    static final ArchRule packagesAreNullMarked = ArchitectureRules.PACKAGES_ARE_NULL_MARKED;
}
