package io.perfsuite.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

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

    /** The adapters: they may use the decisions, never the other way round. */
    private static final String[] ADAPTERS = {"io.perfsuite.router.query..", "io.perfsuite.router.pg..",
            "io.perfsuite.router.api..", "io.perfsuite.router.cache", "io.perfsuite.router.observability..",
            "io.perfsuite.router.health..", "io.perfsuite.router.config..", "io.perfsuite.router.problem.."};

    private static final ArchRule DECISIONS_DO_NOT_REACH_ADAPTERS = ArchRuleDefinition.noClasses().that()
            .resideInAnyPackage(PURE_CORE).should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
            .because("a decision takes plain values (a classification, replica states, a token) and returns one, so "
                    + "its test needs no executor, pool, cache client or configuration");

    @Test
    void shouldNotDependOnFrameworksNetworkOrFiles() {
        NO_FRAMEWORKS_OR_IO.check(PureCoreRules.productionClasses("io.perfsuite.router"));
    }

    @Test
    void shouldNotReadClocksSleepOrUseGlobalRandomness() {
        NO_HIDDEN_TIME_OR_RANDOMNESS.check(PureCoreRules.productionClasses("io.perfsuite.router"));
    }

    @Test
    void shouldKeepDecisionsFreeOfTheAdaptersThatSequenceTheirIo() {
        DECISIONS_DO_NOT_REACH_ADAPTERS.check(PureCoreRules.productionClasses("io.perfsuite.router"));
    }

    @Test
    void shouldCatchAViolationSoTheRulesAreNotVacuous() {
        JavaClasses impure = new ClassFileImporter().importClasses(io.perfsuite.router.routing.ImpureFixture.class);

        assertThat(NO_FRAMEWORKS_OR_IO.evaluate(impure).hasViolation()).isTrue();
        assertThat(NO_HIDDEN_TIME_OR_RANDOMNESS.evaluate(impure).hasViolation()).isTrue();
        assertThat(DECISIONS_DO_NOT_REACH_ADAPTERS.evaluate(impure).hasViolation()).isTrue();
    }
}
