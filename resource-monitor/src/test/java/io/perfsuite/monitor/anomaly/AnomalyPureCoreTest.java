package io.perfsuite.monitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

import io.perfsuite.testsupport.PureCoreRules;

/** The detectors stay plain Java: no framework, metrics library, I/O, clock reads or global randomness. */
class AnomalyPureCoreTest {

    private static final String[] PURE_CORE = {"io.perfsuite.monitor.anomaly.detection.."};

    private static final ArchRule NO_FRAMEWORKS_OR_IO = PureCoreRules.noFrameworksOrIo(PURE_CORE, "io.micrometer..",
            "com.fasterxml..");

    private static final ArchRule NO_HIDDEN_TIME_OR_RANDOMNESS = PureCoreRules.noHiddenTimeOrRandomness(PURE_CORE);

    @Test
    void shouldNotDependOnFrameworksNetworkOrFiles() {
        NO_FRAMEWORKS_OR_IO.check(PureCoreRules.productionClasses("io.perfsuite.monitor.anomaly"));
    }

    @Test
    void shouldNotReadClocksSleepOrUseGlobalRandomness() {
        NO_HIDDEN_TIME_OR_RANDOMNESS.check(PureCoreRules.productionClasses("io.perfsuite.monitor.anomaly"));
    }

    @Test
    void shouldCatchAViolationSoTheRulesAreNotVacuous() {
        JavaClasses impure = new ClassFileImporter()
                .importClasses(io.perfsuite.monitor.anomaly.detection.ImpureFixture.class);

        assertThat(NO_FRAMEWORKS_OR_IO.evaluate(impure).hasViolation()).isTrue();
        assertThat(NO_HIDDEN_TIME_OR_RANDOMNESS.evaluate(impure).hasViolation()).isTrue();
    }
}
