package io.perfsuite.autoscaler.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

import io.perfsuite.testsupport.PureCoreRules;

/**
 * The scaling decision and the backtest simulation stay plain Java: no fabric8, Quarkus, network or files, and time
 * only through an injected clock, so every decision can be replayed in a unit test or a backtest.
 */
class PureCoreArchitectureTest {

    private static final String[] PURE_CORE = {"io.perfsuite.autoscaler.decision..",
            "io.perfsuite.autoscaler.backtest.simulation.."};

    private static final ArchRule NO_FRAMEWORKS_OR_IO = PureCoreRules.noFrameworksOrIo(PURE_CORE, "io.fabric8..",
            "io.javaoperatorsdk..", "com.fasterxml..");

    private static final ArchRule NO_HIDDEN_TIME_OR_RANDOMNESS = PureCoreRules.noHiddenTimeOrRandomness(PURE_CORE);

    @Test
    void shouldKeepTheDecisionFreeOfFrameworksNetworkAndFiles() {
        NO_FRAMEWORKS_OR_IO.check(PureCoreRules.productionClasses("io.perfsuite.autoscaler"));
    }

    @Test
    void shouldKeepTheDecisionFreeOfHiddenClocksAndSleeps() {
        NO_HIDDEN_TIME_OR_RANDOMNESS.check(PureCoreRules.productionClasses("io.perfsuite.autoscaler"));
    }

    @Test
    void shouldCatchAViolationSoTheRulesAreNotVacuous() {
        JavaClasses impure = new ClassFileImporter().importClasses(io.perfsuite.autoscaler.decision.ImpureFixture.class);

        assertThat(NO_FRAMEWORKS_OR_IO.evaluate(impure).hasViolation()).isTrue();
        assertThat(NO_HIDDEN_TIME_OR_RANDOMNESS.evaluate(impure).hasViolation()).isTrue();
    }
}
