package io.perfsuite.loadbalancer.strategy;

/** Lets a strategy add to the response going back to the client (a Set-Cookie for sticky sessions). */
@FunctionalInterface
public interface ResponseDecorator {

    void addHeader(String name, String value);
}
