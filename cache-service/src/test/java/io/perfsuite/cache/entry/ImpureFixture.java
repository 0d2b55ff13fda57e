package io.perfsuite.cache.entry;

import java.net.URI;
import java.time.Instant;

/** Breaks both pure-core rules on purpose, from inside a pure package, so the architecture test can't pass vacuously. */
public final class ImpureFixture {
    URI origin() {
        return URI.create("http://origin.invalid/" + Instant.now());
    }
}
