package io.perfsuite.autoscaler.decision;

import java.net.URI;
import java.time.Instant;

/** Breaks both pure-core rules on purpose, so PureCoreArchitectureTest can show its rules bite. */
public final class ImpureFixture {

    Instant readsTheWallClock() {
        return Instant.now();
    }

    URI talksToTheNetwork() {
        return URI.create("http://example.invalid");
    }
}
