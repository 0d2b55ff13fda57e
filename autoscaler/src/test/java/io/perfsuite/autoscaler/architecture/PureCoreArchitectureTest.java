package io.perfsuite.autoscaler.architecture;

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
 * The scaling decision and the backtest simulation stay plain Java: no fabric8, Quarkus, network or files, and time
 * only through an injected clock, so every decision can be replayed in a unit test or a backtest.
 */
class PureCoreArchitectureTest {

    private static final String[] PURE_CORE = {"io.perfsuite.autoscaler.decision..",
            "io.perfsuite.autoscaler.backtest.simulation.."};

    private static final ArchRule NO_FRAMEWORKS_OR_IO = noClasses().that().resideInAnyPackage(PURE_CORE)
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.fabric8..", "io.javaoperatorsdk..", "io.quarkus..", "io.vertx..", "jakarta..",
                    "io.smallrye..", "java.net..", "java.nio.file..", "com.fasterxml..")
            .orShould().dependOnClassesThat().belongToAnyOf(File.class)
            .because("the decision is plain Java: adapters bring the frameworks and the I/O");

    private static final ArchRule NO_HIDDEN_TIME_OR_SLEEP = noClasses().that().resideInAnyPackage(PURE_CORE)
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(java.time.Clock.class, "systemUTC")
            .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
            .orShould().callMethod(Thread.class, "sleep", long.class)
            .orShould().callMethod(Math.class, "random")
            .because("time is an input, so windows and cooldowns are tested by moving a clock");

    private static JavaClasses productionClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.perfsuite.autoscaler");
    }

    @Test
    void shouldKeepTheDecisionFreeOfFrameworksNetworkAndFiles() {
        NO_FRAMEWORKS_OR_IO.check(productionClasses());
    }

    @Test
    void shouldKeepTheDecisionFreeOfHiddenClocksAndSleeps() {
        NO_HIDDEN_TIME_OR_SLEEP.check(productionClasses());
    }

    @Test
    void shouldCatchAViolationSoTheRulesAreNotVacuous() {
        JavaClasses impure = new ClassFileImporter()
                .importClasses(io.perfsuite.autoscaler.decision.ImpureFixture.class);

        assertThat(NO_FRAMEWORKS_OR_IO.evaluate(impure).hasViolation()).isTrue();
        assertThat(NO_HIDDEN_TIME_OR_SLEEP.evaluate(impure).hasViolation()).isTrue();
    }
}
