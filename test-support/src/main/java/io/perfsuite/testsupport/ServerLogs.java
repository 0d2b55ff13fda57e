package io.perfsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where server output goes. Logs outlive the servers (and their deleted data directories) so a failed run can be
 * diagnosed afterwards: {@code target/test-servers/} under Maven, else a directory in java.io.tmpdir, or wherever
 * the {@value #DIRECTORY_PROPERTY} system property points.
 */
final class ServerLogs {

    static final String DIRECTORY_PROPERTY = "perfsuite.test-servers.log-dir";

    private static final int TAIL_LINES = 40;

    private ServerLogs() {
    }

    static Path file(String serverName) {
        Path directory = directory();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create log directory " + directory, e);
        }
        return directory.resolve(serverName + ".log");
    }

    /** The end of a log file, framed for an exception message. */
    static String tail(Path logFile) {
        return "\n--- last lines of " + logFile + " ---\n" + lastLines(read(logFile)) + "\n--- end of " + logFile + " ---";
    }

    static String read(Path file) {
        try {
            // Lenient decoding: a server may write anything, and a diagnostic must never fail on it.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static String lastLines(String text) {
        List<String> lines = Arrays.asList(text.split("\n"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    private static Path directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path mavenTarget = Path.of("target").toAbsolutePath();
        if (Files.isDirectory(mavenTarget)) {
            return mavenTarget.resolve("test-servers");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "perfsuite-test-servers");
    }
}
