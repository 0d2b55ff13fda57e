package io.perfsuite.monitor.alerting;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code promtool} (package {@code prometheus}) as the oracle for rule files and alert states. */
public final class Promtool {

    /** What promtool said: its exit code and everything it printed. */
    public record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    public static Result run(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(workDir, "promtool", ".out");
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool did not finish in 60 s: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private static Path binary() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/bin");
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, "promtool")).filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("promtool not found: apt-get install prometheus"));
    }
}
