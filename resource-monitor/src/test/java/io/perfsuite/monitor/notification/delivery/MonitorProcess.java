package io.perfsuite.monitor.notification.delivery;

import java.util.Map;

import io.perfsuite.testsupport.PackagedApp;

/**
 * The packaged monitor ({@code target/quarkus-app/quarkus-run.jar}) as its own JVM through test-support's
 * {@link PackagedApp}, log in {@code target/test-servers/monitor-<name>-<port>.log}.
 */
final class MonitorProcess implements AutoCloseable {

    private final PackagedApp app;

    private MonitorProcess(PackagedApp app) {
        this.app = app;
    }

    static MonitorProcess start(String name, Map<String, String> extraConfig) {
        return new MonitorProcess(PackagedApp.builder("monitor-" + name, PackagedApp.moduleJar("resource-monitor"))
                .config(Map.of(
                        "quarkus.otel.sdk.disabled", "true",
                        "monitor.rules.defaults-enabled", "false",
                        "monitor.host.enabled", "false"))
                .config(extraConfig)
                .start());
    }

    /** What the process logged so far. */
    String log() {
        return app.log();
    }

    /** Ends the JVM at once (SIGKILL), as a crash or an OOM kill would: no shutdown hook runs. */
    void kill() {
        app.kill();
    }

    @Override
    public void close() {
        app.close();
    }
}
