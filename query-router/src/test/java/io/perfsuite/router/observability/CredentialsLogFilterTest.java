package io.perfsuite.router.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class CredentialsLogFilterTest {

    private final CredentialsLogFilter filter = new CredentialsLogFilter();

    @Test
    void shouldRedactAnAddressPassedAsAParameter() {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "node %s stopped answering: %s",
                ExtLogRecord.FormatStyle.PRINTF, "test");
        record.setParameters(new Object[]{"replica-1", "postgresql://app:pw-in-log@db:5432/app refused"});

        assertThat(filter.isLoggable(record)).isTrue();
        assertThat(record.getFormattedMessage()).doesNotContain("pw-in-log")
                .contains("node replica-1 stopped answering: postgresql://***@db:5432/app refused");
    }

    @Test
    void shouldReplaceAnExceptionQuotingACredentialKeepingItsStackTrace() {
        IOException cause = new IOException("connect to http://svc:pw-in-cause@cache:8081 failed");
        IllegalStateException failure = new IllegalStateException("lookup failed", cause);
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "unhandled failure", "test");
        record.setThrown(failure);

        filter.isLoggable(record);

        assertThat(record.getThrown().getCause().getMessage()).doesNotContain("pw-in-cause")
                .contains("java.io.IOException").contains("http://***@cache:8081");
        assertThat(record.getThrown().getStackTrace()).isEqualTo(failure.getStackTrace());
    }

    @Test
    void shouldLeaveRecordsWithoutCredentialsAsTheyAre() {
        IllegalStateException failure = new IllegalStateException("plain");
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "cache flushed", "test");
        record.setThrown(failure);

        filter.isLoggable(record);

        assertThat(record.getThrown()).isSameAs(failure);
        assertThat(record.getFormattedMessage()).isEqualTo("cache flushed");
    }
}
