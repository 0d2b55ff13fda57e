package io.perfsuite.cache;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The cache's pure core (entry, freshness, load, resilience, namespace, hotkeys) stays free of frameworks, I/O and hidden
 * time or randomness, so it can be tested without a container and reused by every adapter. Lives here because
 * the rules are checked against the packages together.
 */
class PureCoreArchitectureTest {

    private static final String[] PURE_CORE = {"io.perfsuite.cache.entry..", "io.perfsuite.cache.freshness..",
            "io.perfsuite.cache.load..", "io.perfsuite.cache.resilience..", "io.perfsuite.cache.namespace..",
            "io.perfsuite.cache.hotkeys.."};

    private static final ArchRule NO_FRAMEWORKS_OR_IO = noClasses().that().resideInAnyPackage(PURE_CORE)
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.quarkus..", "io.vertx..", "jakarta..", "io.smallrye..", "java.net..",
                    "java.nio.file..")
            .orShould().dependOnClassesThat().belongToAnyOf(File.class)
            .because("the pure core is plain Java: adapters bring the frameworks and the I/O");

    private static final ArchRule NO_HIDDEN_TIME_OR_SLEEP = noClasses().that().resideInAnyPackage(PURE_CORE)
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(java.time.Clock.class, "systemUTC")
            .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
            .orShould().callMethod(Thread.class, "sleep", long.class)
            .orShould().callMethod(Math.class, "random")
            .orShould().callMethod(java.util.concurrent.ThreadLocalRandom.class, "current")
            .because("time is an input and randomness is injected, so behaviour is reproducible in tests");

    private static JavaClasses productionClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.perfsuite.cache");
    }

    @Test
    void shouldNotDependOnFrameworksNetworkOrFiles() {
        NO_FRAMEWORKS_OR_IO.check(productionClasses());
    }

    @Test
    void shouldNotReadClocksSleepOrUseGlobalRandomness() {
        NO_HIDDEN_TIME_OR_SLEEP.check(productionClasses());
    }

    @Test
    void shouldCatchAViolationSoTheRulesAreNotVacuous() {
        JavaClasses impure = new ClassFileImporter().importClasses(io.perfsuite.cache.entry.ImpureFixture.class);

        assertThat(NO_FRAMEWORKS_OR_IO.evaluate(impure).hasViolation()).isTrue();
        assertThat(NO_HIDDEN_TIME_OR_SLEEP.evaluate(impure).hasViolation()).isTrue();
    }
}
