package io.perfsuite.router.routing;

import java.net.URI;

import io.perfsuite.router.problem.ProblemException;

/** Breaks every pure-core rule on purpose, so PureCoreArchitectureTest proves its rules can fail. */
public class ImpureFixture {

    long now() {
        return System.currentTimeMillis();
    }

    URI address() {
        return URI.create("postgresql://localhost/x");
    }

    RuntimeException refusal() {
        // a decision that builds the HTTP answer itself instead of returning a value for the adapter to map
        return ProblemException.invalid("sql", "required", "sql is required");
    }
}
