package io.perfsuite.loadbalancer.strategy;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

import io.perfsuite.testsupport.PureCoreRules;

/**
 * Balancing, endpoint state and admission decisions stay plain Java: no frameworks, no network or files, time and
 * randomness as inputs. That is what lets the strategies' tests pin distributions with a seeded random and the
 * ejection and slow-start tests move a clock by hand. The shared rule forbids all of java.net; here
 * {@code java.net.URI} is allowed, as the value an endpoint is addressed by.
 */
class PureCoreArchitectureTest {

    private static final String[] PURE_CORE = {"io.perfsuite.loadbalancer.strategy..",
            "io.perfsuite.loadbalancer.endpoint..", "io.perfsuite.loadbalancer.resilience.."};

    private static final ArchRule NO_FRAMEWORKS_OR_IO = noClasses().that().resideInAnyPackage(PURE_CORE).should()
            .dependOnClassesThat(resideInAnyPackage("io.quarkus..", "io.vertx..", "jakarta..", "io.smallrye..",
                    "io.fabric8..", "java.net..", "java.nio.file..", "com.fasterxml..", "io.micrometer..",
                    "io.opentelemetry..").and(not(equivalentTo(URI.class))))
            .orShould().dependOnClassesThat().belongToAnyOf(File.class)
            .because("the pure core is plain Java: adapters bring the frameworks and the I/O");

    private static final ArchRule NO_HIDDEN_TIME_OR_RANDOMNESS = PureCoreRules.noHiddenTimeOrRandomness(PURE_CORE);

    @Test
    void shouldNotDependOnFrameworksNetworkOrFiles() {
        NO_FRAMEWORKS_OR_IO.check(PureCoreRules.productionClasses("io.perfsuite.loadbalancer"));
    }

    @Test
    void shouldNotReadClocksSleepOrUseGlobalRandomness() {
        NO_HIDDEN_TIME_OR_RANDOMNESS.check(PureCoreRules.productionClasses("io.perfsuite.loadbalancer"));
    }

    @Test
    void shouldCatchAViolationSoTheRulesAreNotVacuous() {
        JavaClasses impure = new ClassFileImporter().importClasses(ImpureFixture.class);

        assertThat(NO_FRAMEWORKS_OR_IO.evaluate(impure).hasViolation()).isTrue();
        assertThat(NO_HIDDEN_TIME_OR_RANDOMNESS.evaluate(impure).hasViolation()).isTrue();
    }
}
