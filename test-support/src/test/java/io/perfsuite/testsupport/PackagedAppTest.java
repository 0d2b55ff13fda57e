package io.perfsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class PackagedAppTest {

    @Test
    void shouldFindASiblingModulesPackagedJar() {
        Path here = Path.of("").toAbsolutePath();

        assertThat(PackagedApp.moduleJar("cache-service"))
                .isEqualTo(here.resolveSibling("cache-service").resolve("target/quarkus-app/quarkus-run.jar"));
        assertThat(PackagedApp.moduleJar(here.getFileName().toString()))
                .isEqualTo(here.resolve("target/quarkus-app/quarkus-run.jar"));
    }

    @Test
    void shouldNameTheMissingJarInsteadOfStartingAJvmThatCannotRun() {
        Path missing = Path.of("target", "no-such-module", "quarkus-run.jar");

        assertThatThrownBy(() -> PackagedApp.builder("ghost", missing).start())
                .isInstanceOf(TestServerException.class)
                .hasMessageContaining("ghost is not packaged at " + missing.toAbsolutePath())
                .hasMessageContaining("build its module first");
    }

    @Test
    void shouldKnowItsPortBeforeItStartsSoCallersCanBeConfigured() {
        PackagedApp.Builder builder = PackagedApp.builder("ghost", Path.of("target", "ghost.jar"));

        assertThat(builder.port()).isPositive();
        assertThat(builder.port()).isNotEqualTo(PackagedApp.builder("other", Path.of("target", "ghost.jar")).port());
    }
}
