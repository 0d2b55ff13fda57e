package io.perfsuite.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

import io.perfsuite.testsupport.PureCoreRules;

/**
 * Routing and consistency decisions stay plain Java: no frameworks, no network or files, time as an input. That is
 * what lets {@code StatementClassifierTest} and {@code ReplicaSelectorTest} pin every hard case without a server.
 */
class PureCoreArchitectureTest {

    private static final String[] PURE_CORE = {"io.perfsuite.router.routing..", "io.perfsuite.router.consistency..",
            "io.perfsuite.router.cache.policy..", "io.perfsuite.router.breaker..",
            "io.perfsuite.router.pipelining..", "io.perfsuite.router.execution..",
            "io.perfsuite.router.redaction.."};

    private static final ArchRule NO_FRAMEWORKS_OR_IO = PureCoreRules.noFrameworksOrIo(PURE_CORE, "java.sql..");

    private static final ArchRule NO_HIDDEN_TIME_OR_RANDOMNESS = PureCoreRules.noHiddenTimeOrRandomness(PURE_CORE);

    @Test
    void shouldNotDependOnFrameworksNetworkOrFiles() {
        NO_FRAMEWORKS_OR_IO.check(PureCoreRules.productionClasses("io.perfsuite.router"));
    }

    @Test
    void shouldNotReadClocksSleepOrUseGlobalRandomness() {
        NO_HIDDEN_TIME_OR_RANDOMNESS.check(PureCoreRules.productionClasses("io.perfsuite.router"));
    }

    @Test
    void shouldCatchAViolationSoTheRulesAreNotVacuous() {
        JavaClasses impure = new ClassFileImporter().importClasses(io.perfsuite.router.routing.ImpureFixture.class);

        assertThat(NO_FRAMEWORKS_OR_IO.evaluate(impure).hasViolation()).isTrue();
        assertThat(NO_HIDDEN_TIME_OR_RANDOMNESS.evaluate(impure).hasViolation()).isTrue();
    }
}
