package io.perfsuite.loadbalancer.strategy;

import java.net.Socket;

/** Breaks both pure-core rules on purpose, so PureCoreArchitectureTest proves its rules can fail. */
public class ImpureFixture {

    long now() {
        return System.nanoTime();
    }

    Socket connection() {
        return new Socket();
    }
}
