package io.perfsuite.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

import io.perfsuite.testsupport.PureCoreRules;

/**
 * The alert state machine, rule parsing and the notification decisions stay plain Java with time as an input: what
 * lets the promtool comparison and the dispatcher tests pin them without servers or sleeps.
 */
class PureCoreArchitectureTest {

    private static final String[] PURE_CORE = {"io.perfsuite.monitor.alerting", "io.perfsuite.monitor.notification"};

    private static final ArchRule NO_FRAMEWORKS_OR_IO = PureCoreRules.noFrameworksOrIo(PURE_CORE,
            "io.micrometer..", "com.fasterxml..", "io.perfsuite.monitor.prometheus..", "io.perfsuite.monitor.config..");

    private static final ArchRule NO_HIDDEN_TIME_OR_RANDOMNESS = PureCoreRules.noHiddenTimeOrRandomness(PURE_CORE);

    @Test
    void shouldNotDependOnFrameworksNetworkOrFiles() {
        NO_FRAMEWORKS_OR_IO.check(PureCoreRules.productionClasses("io.perfsuite.monitor"));
    }

    @Test
    void shouldNotReadClocksSleepOrUseGlobalRandomness() {
        NO_HIDDEN_TIME_OR_RANDOMNESS.check(PureCoreRules.productionClasses("io.perfsuite.monitor"));
    }

    @Test
    void shouldCatchAViolationSoTheRulesAreNotVacuous() {
        JavaClasses impure = new ClassFileImporter().importClasses(io.perfsuite.monitor.alerting.ImpureFixture.class);

        assertThat(NO_FRAMEWORKS_OR_IO.evaluate(impure).hasViolation()).isTrue();
        assertThat(NO_HIDDEN_TIME_OR_RANDOMNESS.evaluate(impure).hasViolation()).isTrue();
    }
}
