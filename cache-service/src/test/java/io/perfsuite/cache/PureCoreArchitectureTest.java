package io.perfsuite.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

import io.perfsuite.testsupport.PureCoreRules;

/**
 * The cache's pure core (entry, freshness, load, resilience, namespace, hotkeys, sampling) stays free of frameworks, I/O and hidden
 * time or randomness, so it can be tested without a container and reused by every adapter. Lives here because
 * the rules are checked against the packages together.
 */
class PureCoreArchitectureTest {

    private static final String[] PURE_CORE = {"io.perfsuite.cache.entry..", "io.perfsuite.cache.freshness..",
            "io.perfsuite.cache.load..", "io.perfsuite.cache.resilience..", "io.perfsuite.cache.namespace..",
            "io.perfsuite.cache.hotkeys..", "io.perfsuite.cache.sampling..", "io.perfsuite.cache.redaction..",
            "io.perfsuite.cache.tiering..", "io.perfsuite.cache.invalidation.."};

    private static final ArchRule NO_FRAMEWORKS_OR_IO = PureCoreRules.noFrameworksOrIo(PURE_CORE);

    private static final ArchRule NO_HIDDEN_TIME_OR_RANDOMNESS = PureCoreRules.noHiddenTimeOrRandomness(PURE_CORE);

    @Test
    void shouldNotDependOnFrameworksNetworkOrFiles() {
        NO_FRAMEWORKS_OR_IO.check(PureCoreRules.productionClasses("io.perfsuite.cache"));
    }

    @Test
    void shouldNotReadClocksSleepOrUseGlobalRandomness() {
        NO_HIDDEN_TIME_OR_RANDOMNESS.check(PureCoreRules.productionClasses("io.perfsuite.cache"));
    }

    @Test
    void shouldCatchAViolationSoTheRulesAreNotVacuous() {
        JavaClasses impure = new ClassFileImporter().importClasses(io.perfsuite.cache.entry.ImpureFixture.class);

        assertThat(NO_FRAMEWORKS_OR_IO.evaluate(impure).hasViolation()).isTrue();
        assertThat(NO_HIDDEN_TIME_OR_RANDOMNESS.evaluate(impure).hasViolation()).isTrue();
    }
}
