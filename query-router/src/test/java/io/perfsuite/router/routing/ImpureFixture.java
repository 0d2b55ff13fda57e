package io.perfsuite.router.routing;

import java.net.URI;

/** Breaks both pure-core rules on purpose, so PureCoreArchitectureTest proves its rules can fail. */
public class ImpureFixture {

    long now() {
        return System.currentTimeMillis();
    }

    URI address() {
        return URI.create("postgresql://localhost/x");
    }
}
