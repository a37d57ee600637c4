package dev.sharebridge.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.sharebridge.adapter.archfixturea.AdapterA;
import dev.sharebridge.adapter.archfixtureb.AdapterBUsingA;
import dev.sharebridge.adapter.storage.archfixturex.StorageX;
import dev.sharebridge.adapter.storage.archfixturex.internal.StorageXPart;
import dev.sharebridge.adapter.storage.archfixturey.StorageYUsingX;
import dev.sharebridge.application.archfixture.ApplicationUsingAnAdapter;
import dev.sharebridge.application.archfixture.cyclea.CycleA;
import dev.sharebridge.application.archfixture.cycleb.CycleB;
import dev.sharebridge.domain.archfixture.DomainUsingALogger;
import org.junit.jupiter.api.Test;

/** Shows that each rule really fails on a violation, and that the real import sees real classes. */
class ArchitectureRulesTest {
    private final ClassFileImporter importer = new ClassFileImporter();

    @Test
    void theRealImportSeesProductionClassesAndNoTestCode() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(new ArchitectureRules.ProductionCodeOnly())
                .importPackages("dev.sharebridge");

        assertThat(classes.contain("dev.sharebridge.domain.share.ShareToken")).isTrue();
        assertThat(classes.contain("dev.sharebridge.application.port.out.security.PasswordHasher"))
                .isTrue();
        assertThat(classes.contain("dev.sharebridge.bootstrap.cli.Cli")).isTrue();
        assertThat(classes.contain(DomainUsingALogger.class)).isFalse();
        assertThat(classes.contain(ArchitectureRulesTest.class)).isFalse();
    }

    @Test
    void aDomainClassUsingALibraryBreaksTheDomainRule() {
        JavaClasses classes = importer.importClasses(DomainUsingALogger.class);

        assertThatThrownBy(() -> ArchitectureRules.DOMAIN_USES_ONLY_THE_JDK.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.slf4j.Logger");
    }

    @Test
    void anApplicationClassUsingAnAdapterBreaksTwoRules() {
        JavaClasses classes = importer.importClasses(ApplicationUsingAnAdapter.class, AdapterA.class);

        assertThatThrownBy(() -> ArchitectureRules.APPLICATION_USES_ONLY_DOMAIN_AND_THE_JDK.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("AdapterA");
        assertThatThrownBy(() -> ArchitectureRules.HEXAGON_DOES_NOT_KNOW_ADAPTERS_OR_BOOTSTRAP.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("AdapterA");
    }

    @Test
    void anAdapterUsingAnotherAdapterBreaksTheSliceRule() {
        JavaClasses classes = importer.importClasses(AdapterA.class, AdapterBUsingA.class);

        assertThatThrownBy(() -> ArchitectureRules.ADAPTERS_DO_NOT_KNOW_EACH_OTHER.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("AdapterBUsingA");
    }

    @Test
    void twoAdaptersOfOneKindAreStillTwoModules() {
        JavaClasses classes = importer.importClasses(StorageX.class, StorageYUsingX.class);

        assertThatThrownBy(() -> ArchitectureRules.ADAPTERS_DO_NOT_KNOW_EACH_OTHER.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("StorageYUsingX");
    }

    @Test
    void packagesInsideOneAdapterMayUseEachOther() {
        JavaClasses classes = importer.importClasses(StorageX.class, StorageXPart.class);

        ArchitectureRules.ADAPTERS_DO_NOT_KNOW_EACH_OTHER.check(classes);
        assertThat(new ArchitectureRules.AdapterSlices().getIdentifierOf(classes.get(StorageXPart.class)))
                .isEqualTo(new ArchitectureRules.AdapterSlices().getIdentifierOf(classes.get(StorageX.class)));
    }

    @Test
    void twoPackagesThatNeedEachOtherBreakTheCycleRule() {
        JavaClasses classes = importer.importClasses(CycleA.class, CycleB.class);

        assertThatThrownBy(() -> ArchitectureRules.PACKAGES_ARE_ACYCLIC.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }

    @Test
    void packagesUsedOneWayAreNoCycle() {
        ArchitectureRules.PACKAGES_ARE_ACYCLIC.check(importer.importClasses(StorageX.class, StorageXPart.class));
    }

    @Test
    void aPackageWithoutNullMarkedBreaksTheNullnessRule() {
        JavaClasses classes = importer.importClasses(DomainUsingALogger.class);

        assertThatThrownBy(() -> ArchitectureRules.PACKAGES_ARE_NULL_MARKED.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("has no package-info.java with @NullMarked");
    }

    @Test
    void aNullMarkedPackageKeepsTheNullnessRule() throws ClassNotFoundException {
        ArchitectureRules.PACKAGES_ARE_NULL_MARKED.check(importer.importClasses(
                dev.sharebridge.domain.share.ShareToken.class,
                Class.forName("dev.sharebridge.domain.share.package-info")));
    }
}
