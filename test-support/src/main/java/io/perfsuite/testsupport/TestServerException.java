package io.perfsuite.testsupport;

/** A test server could not be started, reached or stopped; the message says which and where its log is. */
public class TestServerException extends RuntimeException {

    public TestServerException(String message) {
        super(message);
    }

    public TestServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
