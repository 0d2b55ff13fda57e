package io.perfsuite.router.observability;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.perfsuite.router.redaction.Credentials;

/** A failure on a span as an exception event, its message and stack trace without credentials. */
public final class FailureEvents {

    private static final AttributeKey<String> MESSAGE = AttributeKey.stringKey("exception.message");
    private static final AttributeKey<String> STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

    private FailureEvents() {
    }

    public static void record(Span span, Throwable failure) {
        String message = failure.getMessage();
        if (!Credentials.holdsCredentials(message)) {
            span.recordException(failure);
            return;
        }
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        // the extra attributes replace the ones the SDK derives from the exception
        span.recordException(failure, Attributes.of(MESSAGE, Credentials.redact(message), STACKTRACE,
                Credentials.redact(trace.toString())));
    }
}
