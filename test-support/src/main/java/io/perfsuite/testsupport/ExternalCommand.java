package io.perfsuite.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived tool (initdb, redis-cli, promtool, ...) to completion within a deadline. */
final class ExternalCommand {

    private ExternalCommand() {
    }

    /** Runs the command in the JVM's working directory. */
    static String run(List<String> command, Duration timeout) {
        return run(command, null, timeout);
    }

    /**
     * @param workDir the working directory, or null for the JVM's
     * @return the combined stdout and stderr
     * @throws TestServerException if the command fails or times out, with its output in the message
     */
    static String run(List<String> command, Path workDir, Duration timeout) {
        Path output = null;
        Process process = null;
        try {
            // A file rather than a pipe: a chatty command can never block on a full pipe buffer.
            output = Files.createTempFile("perfsuite-command-", ".out");
            process = new ProcessBuilder(command)
                    .directory(workDir == null ? null : workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ManagedProcess.killTree(process.toHandle());
                throw failure(command, "timed out after " + timeout.toMillis() + " ms", output);
            }
            if (process.exitValue() != 0) {
                throw failure(command, "exited with code " + process.exitValue(), output);
            }
            return ServerLogs.read(output);
        } catch (IOException e) {
            throw new TestServerException("Cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                ManagedProcess.killTree(process.toHandle());
            }
            throw new TestServerException("Interrupted while running " + String.join(" ", command), e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    private static TestServerException failure(List<String> command, String what, Path output) {
        return new TestServerException(
                String.join(" ", command) + " " + what + "; output:\n" + ServerLogs.lastLines(ServerLogs.read(output)));
    }
}
