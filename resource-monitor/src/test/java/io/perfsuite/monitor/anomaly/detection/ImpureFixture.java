package io.perfsuite.monitor.anomaly.detection;

import java.time.Instant;

/** Breaks both pure-core rules on purpose, so the architecture test can show they are not vacuous. */
public class ImpureFixture {

    Object io() {
        return new java.io.File("x").toPath();
    }

    Instant now() {
        return Instant.now();
    }
}
