package io.perfsuite.testsupport;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A long-running server process. Its output is appended to a log file that survives restarts, readiness is awaited
 * with a deadline, and stopping it takes down its whole process tree (postgres runs under runuser, which does not
 * always pass signals on).
 */
final class ManagedProcess {

    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final List<String> command;
    private final Path workDir;
    private final Map<String, String> environment;
    private final Path logFile;
    private Process process;

    ManagedProcess(String name, List<String> command, Path workDir) {
        this(name, command, workDir, Map.of());
    }

    /** {@code environment}: variables set on top of the test JVM's own. */
    ManagedProcess(String name, List<String> command, Path workDir, Map<String, String> environment) {
        this.name = name;
        this.command = List.copyOf(command);
        this.workDir = workDir;
        this.environment = Map.copyOf(environment);
        this.logFile = ServerLogs.file(name);
    }

    /** Starts the process unless it is already running. */
    synchronized void start() {
        if (isAlive()) {
            return;
        }
        try {
            Files.writeString(logFile, "==== " + Instant.now() + " starting: " + commandLine() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile()))
                    .redirectInput(Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw failure("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Polls the probe until it passes; fails early, with the log tail, if the process exits meanwhile. */
    void awaitReady(Duration timeout, Poll.Probe probe) {
        Process started;
        synchronized (this) {
            started = process;
        }
        if (started == null) {
            throw new IllegalStateException(name + " was not started");
        }
        try {
            Poll.until(name + " to become ready", timeout, () -> {
                if (!started.isAlive()) {
                    throw new TestServerException(name + " exited with code " + started.exitValue() + " before it was ready");
                }
                return probe.check();
            });
        } catch (TestServerException e) {
            throw failure(e.getMessage(), e);
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Asks the whole process tree to terminate (SIGTERM) and kills whatever is left after the grace period. */
    synchronized void stop(Duration grace) {
        if (process != null) {
            terminateTree(process.toHandle(), grace);
            process = null;
        }
    }

    /** An exception whose message carries the command line and the tail of the log. */
    TestServerException failure(String message, Throwable cause) {
        return new TestServerException(message + "\n  command: " + commandLine() + ServerLogs.tail(logFile), cause);
    }

    Path logFile() {
        return logFile;
    }

    @Override
    public String toString() {
        return name + " (log: " + logFile + ")";
    }

    static void killTree(ProcessHandle root) {
        terminateTree(root, Duration.ZERO);
    }

    private static void terminateTree(ProcessHandle root, Duration grace) {
        // Collected up front: once the root dies its children are re-parented and are no longer its descendants.
        List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).collect(Collectors.toList());
        if (!grace.isZero()) {
            tree.forEach(ProcessHandle::destroy);
            if (awaitExit(tree, grace)) {
                return;
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (!awaitExit(tree, KILL_TIMEOUT)) {
            System.err.println("perfsuite test-support: processes still alive after SIGKILL: "
                    + tree.stream().filter(ProcessHandle::isAlive).map(p -> String.valueOf(p.pid()))
                            .collect(Collectors.joining(", ")));
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String commandLine() {
        return String.join(" ", command);
    }
}
