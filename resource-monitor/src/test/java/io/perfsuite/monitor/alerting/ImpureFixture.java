package io.perfsuite.monitor.alerting;

import java.time.Instant;

/** Breaks both pure-core rules on purpose, so PureCoreArchitectureTest shows they can fail. */
public final class ImpureFixture {

    public Object now() {
        return new java.io.File("x").exists() ? Instant.now() : null;
    }
}
