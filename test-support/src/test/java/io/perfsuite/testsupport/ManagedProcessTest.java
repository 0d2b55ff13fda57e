package io.perfsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ManagedProcessTest {

    private static final Path WORK_DIR = Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void shouldFailFastWithTheLogTailWhenTheProcessExitsBeforeItIsReady() {
        ManagedProcess process = new ManagedProcess("exits-early-" + FreePort.find(),
                List.of("sh", "-c", "echo 'FATAL: bad config'; exit 3"), WORK_DIR);
        process.start();

        long started = System.nanoTime();
        assertThatThrownBy(() -> process.awaitReady(Duration.ofSeconds(30), () -> false))
                .isInstanceOf(TestServerException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("FATAL: bad config")
                .hasMessageContaining(process.logFile().toString());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void shouldTimeOutWithTheLastProbeFailureAndTheLogTail() {
        ManagedProcess process = new ManagedProcess("never-ready-" + FreePort.find(),
                List.of("sh", "-c", "echo still booting; exec sleep 60"), WORK_DIR);
        process.start();
        try {
            assertThatThrownBy(() -> process.awaitReady(Duration.ofMillis(300), () -> {
                throw new IllegalStateException("connection refused");
            }))
                    .isInstanceOf(TestServerException.class)
                    .hasMessageContaining("Timed out after 300 ms")
                    .hasMessageContaining("connection refused")
                    .hasMessageContaining("still booting");
        } finally {
            process.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void shouldKillTheWholeProcessTreeOnStop() throws Exception {
        // The shell ignores SIGTERM, like a wrapper that does not pass signals on, so only the kill fallback works.
        ManagedProcess process = new ManagedProcess("tree-" + FreePort.find(),
                List.of("sh", "-c", "trap '' TERM; sleep 60 & sleep 60 & wait"), WORK_DIR);
        process.start();
        process.awaitReady(Duration.ofSeconds(10), () -> sleepsStartedByThisJvm().size() >= 2);
        List<ProcessHandle> tree = sleepsStartedByThisJvm();

        process.stop(Duration.ofMillis(200));

        assertThat(process.isAlive()).isFalse();
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
    }

    private static List<ProcessHandle> sleepsStartedByThisJvm() {
        return ProcessHandle.current().children()
                .flatMap(ProcessHandle::descendants)
                .filter(p -> p.info().command().orElse("").endsWith("sleep"))
                .collect(Collectors.toList());
    }
}
