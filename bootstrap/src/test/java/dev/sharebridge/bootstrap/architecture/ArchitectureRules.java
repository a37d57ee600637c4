package dev.sharebridge.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.NullMarked;

/**
 * The dependency arrows of docs/reference.md §1 and docs/architecture.md as ArchUnit rules: the hexagon
 * (domain, application) knows only the JDK, and adapters never know each other.
 */
final class ArchitectureRules {
    static final String DOMAIN = "dev.sharebridge.domain..";
    static final String APPLICATION = "dev.sharebridge.application..";
    static final String ADAPTERS = "dev.sharebridge.adapter..";
    static final String BOOTSTRAP = "dev.sharebridge.bootstrap..";
    /** JSpecify's annotations: the one library every module may name, for nullness only. */
    static final String NULLNESS = "org.jspecify.annotations";

    /** Libraries that belong to adapters; none of them may appear inside the hexagon. */
    static final List<String> FRAMEWORKS = List.of(
            "okhttp3..",
            "okio..",
            "mockwebserver3..",
            "com.fasterxml.jackson..",
            "org.jdbi..",
            "io.javalin..",
            "org.eclipse.jetty..",
            "jakarta.servlet..",
            "org.h2..",
            "org.postgresql..",
            "org.flywaydb..",
            "com.zaxxer.hikari..",
            "org.tomlj..",
            "at.favre.lib..",
            "ch.qos.logback..",
            "io.micrometer..",
            "org.apache.tika..",
            // pictures are decoded only in adapter.preview (untrusted input, within its limits)
            "java.awt..",
            "javax.imageio..");

    /** Adapter kinds whose technology is the next package level, e.g. adapter.storage.local. */
    private static final Set<String> ADAPTER_KINDS = Set.of("storage", "persistence", "http", "signaling", "preview");

    private ArchitectureRules() {}

    static final ArchRule DOMAIN_USES_ONLY_THE_JDK = classes()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(DOMAIN, "java..", NULLNESS)
            .because("the domain is plain Java (docs/reference.md §1: JDK only, and JSpecify's nullness"
                    + " annotations, which do nothing at run time)");

    static final ArchRule APPLICATION_USES_ONLY_DOMAIN_AND_THE_JDK = classes()
            .that()
            .resideInAPackage(APPLICATION)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(APPLICATION, DOMAIN, "java..", NULLNESS)
            .because("use cases reach the outside only through their ports (docs/reference.md §1)");

    static final ArchRule NO_FRAMEWORK_INSIDE_THE_HEXAGON = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN, APPLICATION)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FRAMEWORKS.toArray(String[]::new))
            .because("an embedding application uses domain + application without any adapter library");

    static final ArchRule HEXAGON_DOES_NOT_KNOW_ADAPTERS_OR_BOOTSTRAP = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN, APPLICATION)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ADAPTERS, BOOTSTRAP)
            .because("dependencies point inwards");

    static final ArchRule ADAPTERS_DO_NOT_KNOW_EACH_OTHER = slices().assignedFrom(new AdapterSlices())
            .should()
            .notDependOnEachOther()
            .allowEmptyShould(true)
            .because("no adapter depends on another adapter (docs/reference.md §1)");

    static final ArchRule ADAPTERS_DO_NOT_KNOW_BOOTSTRAP = noClasses()
            .that()
            .resideInAPackage(ADAPTERS)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(BOOTSTRAP)
            .allowEmptyShould(true)
            .because("only the bootstrap knows every module, never the other way round");

    /**
     * No package cycles anywhere: a package that needs another must not be needed by it, so that
     * each package can be read, tested and moved on its own. One slice per package.
     */
    static final ArchRule PACKAGES_ARE_ACYCLIC = slices().matching("dev.sharebridge.(**)")
            .should()
            .beFreeOfCycles()
            .because("packages that need each other are one package in two places");

    /**
     * Every package says how it treats null: {@code @NullMarked} in its {@code package-info.java},
     * so that a type without {@code @Nullable} never holds null, for readers and for tools.
     */
    static final ArchRule PACKAGES_ARE_NULL_MARKED = classes()
            .that()
            .resideInAPackage("dev.sharebridge..")
            .should(new ArchCondition<JavaClass>("be in a @NullMarked package") {
                @Override
                public void check(JavaClass javaClass, ConditionEvents events) {
                    if (!javaClass.getPackage().isAnnotatedWith(NullMarked.class)) {
                        events.add(SimpleConditionEvent.violated(
                                javaClass, javaClass.getPackageName() + " has no package-info.java with @NullMarked"));
                    }
                }
            })
            .because("null is allowed only where a type says @Nullable");

    /** One slice per adapter module: adapter.storage.local, adapter.nextcloud, ... */
    static final class AdapterSlices implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String prefix = "dev.sharebridge.adapter.";
            String pkg = javaClass.getPackageName();
            if (!pkg.startsWith(prefix)) {
                return SliceIdentifier.ignore();
            }
            String[] parts = pkg.substring(prefix.length()).split("\\.");
            if (ADAPTER_KINDS.contains(parts[0]) && parts.length > 1) {
                return SliceIdentifier.of(parts[0] + "." + parts[1]);
            }
            return SliceIdentifier.of(parts[0]);
        }

        @Override
        public String getDescription() {
            return "adapter modules";
        }
    }

    /**
     * Leaves out test code, also when it comes as another module's test-jar: test fixtures may
     * use AssertJ and the like, production code may not.
     */
    static final class ProductionCodeOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar");
        }
    }
}
