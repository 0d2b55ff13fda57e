package io.perfsuite.monitor.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.monitor.alerting.AlertRule;
import io.perfsuite.monitor.config.MonitorConfig;
import io.perfsuite.testsupport.MutableClock;

/** Rule files as Kubernetes mounts a ConfigMap: {@code name -> ..data/name}, {@code ..data -> ..<timestamp>}. */
class RuleFilesTest {

    @TempDir
    Path mount;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void shouldFollowAConfigMapUpdateAndSkipItsDotDirectories() throws IOException {
        publish("..2026_01_01_a", rule("First"));
        RuleFiles files = new RuleFiles(config(mount), clock);

        assertThat(files.reload()).isTrue();
        assertThat(names(files)).containsExactly("First");
        assertThat(files.statuses()).singleElement().satisfies(s -> assertThat(s.file()).endsWith("rules.yml"));
        assertThat(files.reload()).as("unchanged content is not reloaded").isFalse();

        publish("..2026_01_01_b", rule("Second"));

        assertThat(files.reload()).isTrue();
        assertThat(names(files)).containsExactly("Second");
    }

    @Test
    void shouldKeepThePreviousVersionOfAFileThatBecameInvalid() throws IOException {
        publish("..2026_01_01_a", rule("Kept"));
        RuleFiles files = new RuleFiles(config(mount), clock);
        files.reload();

        publish("..2026_01_01_b", "groups:\n  - name: g\n    rules:\n      - alert: Kept\n        expr: (up\n");

        assertThat(files.reload()).isFalse();
        assertThat(names(files)).containsExactly("Kept");
        assertThat(files.statuses()).singleElement().satisfies(s -> {
            assertThat(s.valid()).isFalse();
            assertThat(s.line()).isEqualTo(5);
            assertThat(s.error()).contains("could not parse expression");
        });
    }

    /** What kubelet does: write a new timestamped directory, then swap {@code ..data} to it atomically. */
    private void publish(String version, String content) throws IOException {
        Path dir = Files.createDirectories(mount.resolve(version));
        Files.writeString(dir.resolve("rules.yml"), content);
        Path link = mount.resolve("..data_tmp");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(version));
        Files.move(link, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (!Files.exists(mount.resolve("rules.yml"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(mount.resolve("rules.yml"), Path.of("..data", "rules.yml"));
        }
    }

    private static String rule(String name) {
        return "groups:\n  - name: g\n    rules:\n      - alert: " + name + "\n        expr: up == 0\n";
    }

    private static List<String> names(RuleFiles files) {
        return files.groups().stream().flatMap(g -> g.rules().stream()).map(AlertRule::name).toList();
    }

    private static MonitorConfig config(Path path) {
        MonitorConfig.Rules rules = new MonitorConfig.Rules() {
            @Override
            public Optional<List<Path>> paths() {
                return Optional.of(List.of(path));
            }

            @Override
            public boolean defaultsEnabled() {
                return false;
            }

            @Override
            public Duration defaultInterval() {
                return Duration.ofMinutes(1);
            }

            @Override
            public Duration reloadInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public boolean evaluationEnabled() {
                return false;
            }
        };
        return new MonitorConfig() {
            @Override
            public Prometheus prometheus() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Host host() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Rules rules() {
                return rules;
            }

            @Override
            public Notifications notifications() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
