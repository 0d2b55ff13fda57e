package io.perfsuite.router;

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
 * Routing and consistency decisions stay plain Java: no frameworks, no network or files, time as an input. That is
 * what lets {@code StatementClassifierTest} and {@code ReplicaSelectorTest} pin every hard case without a server.
 */
class PureCoreArchitectureTest {

    private static final String[] PURE_CORE = {"io.perfsuite.router.routing..", "io.perfsuite.router.consistency.."};

    private static final ArchRule NO_FRAMEWORKS_OR_IO = noClasses().that().resideInAnyPackage(PURE_CORE)
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.quarkus..", "io.vertx..", "jakarta..", "io.smallrye..", "java.net..",
                    "java.nio.file..", "java.sql..")
            .orShould().dependOnClassesThat().belongToAnyOf(File.class)
            .because("the routing core is plain Java: adapters bring the frameworks and the I/O");

    private static final ArchRule NO_HIDDEN_TIME_OR_SLEEP = noClasses().that().resideInAnyPackage(PURE_CORE)
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(java.time.Clock.class, "systemUTC")
            .orShould().callMethod(Thread.class, "sleep", long.class)
            .orShould().callMethod(Math.class, "random")
            .orShould().callMethod(java.util.concurrent.ThreadLocalRandom.class, "current")
            .because("time is an input and randomness is injected, so decisions are reproducible in tests");

    private static JavaClasses productionClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.perfsuite.router");
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
        JavaClasses impure = new ClassFileImporter().importClasses(io.perfsuite.router.routing.ImpureFixture.class);

        assertThat(NO_FRAMEWORKS_OR_IO.evaluate(impure).hasViolation()).isTrue();
        assertThat(NO_HIDDEN_TIME_OR_SLEEP.evaluate(impure).hasViolation()).isTrue();
    }
}
