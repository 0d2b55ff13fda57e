package io.perfsuite.loadbalancer.strategy;

/** What a strategy may look at in a request; the proxy adapts its HTTP request to this. Absent values are null. */
public interface RequestAttributes {

    /** The client's IP address as the proxy saw it (not X-Forwarded-For). */
    String clientAddress();

    String method();

    String path();

    /** The first value of a request header, case-insensitive name. */
    String header(String name);

    /** The value of a request cookie. */
    String cookie(String name);

    /** A request with nothing in it: for callers that balance without a request (tests, probes). */
    static RequestAttributes empty() {
        return SimpleRequest.builder().build();
    }
}
