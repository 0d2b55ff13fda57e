package io.perfsuite.monitor.dashboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/** What the page may ask for (panels, windows) and how links are built stay plain Java, time given as an input. */
class DashboardPureCoreTest {

    private static final JavaClasses CORE = new ClassFileImporter().importClasses(Panel.class, ChartWindow.class,
            ChartWindow.InvalidWindow.class, TraceLinks.class);

    @Test
    void shouldNotReachFrameworksNetworkOrTheClock() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "io.vertx..",
                "io.smallrye..", "com.fasterxml..", "java.net.http..", "java.io..", "java.nio.file..")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(CORE);
    }
}
