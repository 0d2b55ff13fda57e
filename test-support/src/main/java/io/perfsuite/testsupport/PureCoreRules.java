package io.perfsuite.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.io.File;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The two rules every service's pure core (routing, scaling decision, eviction...) is held to, so each module states
 * only which packages are pure and what else they must not touch.
 */
public final class PureCoreRules {

    private static final String[] ALWAYS_FORBIDDEN = {"io.quarkus..", "io.vertx..", "jakarta..", "io.smallrye..",
            "java.net..", "java.nio.file.."};

    private PureCoreRules() {
    }

    /**
     * No framework, network or file: adapters bring those.
     *
     * @param alsoForbidden further packages the core must not depend on (a client library, fabric8, JDBC...)
     */
    public static ArchRule noFrameworksOrIo(String[] pureCore, String... alsoForbidden) {
        List<String> forbidden = new ArrayList<>(List.of(ALWAYS_FORBIDDEN));
        forbidden.addAll(List.of(alsoForbidden));
        return noClasses().that().resideInAnyPackage(pureCore)
                .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                .orShould().dependOnClassesThat().belongToAnyOf(File.class)
                .because("the pure core is plain Java: adapters bring the frameworks and the I/O");
    }

    /** No clock read, sleep or global randomness: time is an input and randomness is injected. */
    public static ArchRule noHiddenTimeOrRandomness(String... pureCore) {
        return noClasses().that().resideInAnyPackage(pureCore)
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Math.class, "random")
                .orShould().callMethod(ThreadLocalRandom.class, "current")
                .because("time is an input and randomness is injected, so behaviour is reproducible in tests");
    }

    /** The module's production classes (tests excluded) under {@code rootPackage}. */
    public static JavaClasses productionClasses(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }
}
