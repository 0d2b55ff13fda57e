package io.perfsuite.router.observability;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.perfsuite.router.redaction.Credentials;
import io.quarkus.logging.LoggingFilter;

/**
 * The last line of defence for logs (the router's own messages redact what they quote): every console record is
 * passed with its message formatted and redacted, and an attached exception whose messages quote a credential is
 * replaced by a copy without it, stack trace kept. Set by {@code quarkus.log.console.filter}.
 */
@LoggingFilter(name = "redact-credentials")
public final class CredentialsLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String formatted = ext.getFormattedMessage();
            if (Credentials.holdsCredentials(formatted)) {
                ext.setMessage(Credentials.redact(formatted), ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        } else if (Credentials.holdsCredentials(record.getMessage())) {
            record.setMessage(Credentials.redact(record.getMessage()));
        }
        if (record.getThrown() != null && quotesCredentials(record.getThrown())) {
            record.setThrown(redacted(record.getThrown()));
        }
        return true;
    }

    private static boolean quotesCredentials(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (Credentials.holdsCredentials(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    static Throwable redacted(Throwable failure) {
        Throwable copy = new RedactedFailure(failure.getClass().getName() + ": " + Credentials.redact(failure.getMessage()),
                failure.getCause() == null ? null : redacted(failure.getCause()));
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** Stands in for an exception whose message quoted a credential; it names the original class. */
    static final class RedactedFailure extends RuntimeException {
        RedactedFailure(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
