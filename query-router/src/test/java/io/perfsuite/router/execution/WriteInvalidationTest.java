package io.perfsuite.router.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.perfsuite.router.routing.Classification;
import io.perfsuite.router.routing.Route;

class WriteInvalidationTest {

    private static final Classification UPDATE = new Classification(Route.PRIMARY, "an UPDATE", Set.of("accounts"),
            Optional.empty(), 1, true, false);
    private static final Classification CALL = new Classification(Route.PRIMARY, "CALL", Set.of(), Optional.empty(), 1,
            false, false);
    private static final Classification READ = new Classification(Route.REPLICA, "a plain SELECT", Set.of("branches"),
            Optional.empty(), 1, false, false);

    @Test
    void shouldDropTheTablesOfAPlainDmlWrite() {
        WriteInvalidation invalidation = WriteInvalidation.afterStatement(UPDATE, true, false);

        assertThat(invalidation.needed()).isTrue();
        assertThat(invalidation.tables()).contains(Set.of("accounts"));
        assertThat(invalidation.schemaMayHaveChanged()).isFalse();
    }

    @Test
    void shouldDropNothingAfterARead() {
        assertThat(WriteInvalidation.afterStatement(READ, false, false).needed()).isFalse();
    }

    @Test
    void shouldDropEverythingAndDistrustTheCatalogWhenTheTablesWrittenAreUnknown() {
        WriteInvalidation call = WriteInvalidation.afterStatement(CALL, true, false);

        assertThat(call.tables()).isEmpty();
        assertThat(call.schemaMayHaveChanged()).as("a CALL may run DDL").isTrue();
    }

    @Test
    void shouldNotTrustTheClassifiersTablesForAReadThatWrote() {
        WriteInvalidation misrouted = WriteInvalidation.afterStatement(READ, true, true);

        assertThat(misrouted.needed()).isTrue();
        assertThat(misrouted.tables()).as("a function vouched replica-safe wrote tables the SQL does not name")
                .isEmpty();
    }

    @Test
    void shouldDropEveryTableATransactionNamedOrEverythingWhenOneWriteIsNotPlainDml() {
        WriteInvalidation plain = WriteInvalidation.afterTransaction(List.of(READ, UPDATE));
        WriteInvalidation opaque = WriteInvalidation.afterTransaction(List.of(UPDATE, CALL));

        assertThat(plain.tables()).contains(Set.of("accounts", "branches"));
        assertThat(opaque.needed()).isTrue();
        assertThat(opaque.tables()).isEmpty();
    }

    @Test
    void shouldDropNothingAfterATransactionOfReads() {
        assertThat(WriteInvalidation.afterTransaction(List.of(READ, READ)).needed()).isFalse();
    }
}
