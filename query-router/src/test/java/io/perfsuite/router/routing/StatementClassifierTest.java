package io.perfsuite.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.perfsuite.router.routing.FunctionCatalog.FunctionInfo;

class StatementClassifierTest {

    private static final FunctionCatalog CATALOG = FunctionCatalog.of(Map.ofEntries(
            Map.entry("lower", new FunctionInfo(Volatility.IMMUTABLE, true)),
            Map.entry("upper", new FunctionInfo(Volatility.IMMUTABLE, true)),
            Map.entry("count", new FunctionInfo(Volatility.IMMUTABLE, true)),
            Map.entry("now", new FunctionInfo(Volatility.STABLE, true)),
            Map.entry("random", new FunctionInfo(Volatility.VOLATILE, true)),
            Map.entry("nextval", new FunctionInfo(Volatility.VOLATILE, true)),
            Map.entry("txid_current", new FunctionInfo(Volatility.STABLE, true)),
            Map.entry("pg_current_xact_id", new FunctionInfo(Volatility.STABLE, true)),
            Map.entry("pg_advisory_lock", new FunctionInfo(Volatility.VOLATILE, true)),
            Map.entry("pg_last_wal_replay_lsn", new FunctionInfo(Volatility.VOLATILE, true)),
            Map.entry("stable_writer", new FunctionInfo(Volatility.STABLE, false)),
            Map.entry("volatile_writer", new FunctionInfo(Volatility.VOLATILE, false)),
            Map.entry("pure_user_function", new FunctionInfo(Volatility.IMMUTABLE, false)),
            Map.entry("vouched_report", new FunctionInfo(Volatility.STABLE, false))));

    private final StatementClassifier classifier = new StatementClassifier(CATALOG, Set.of("Vouched_Report"));

    private Classification classify(String sql) {
        return classifier.classify(sql);
    }

    private void assertPrimary(String sql) {
        assertThat(classify(sql).route()).as(sql).isEqualTo(Route.PRIMARY);
    }

    private void assertReplica(String sql) {
        assertThat(classify(sql).route()).as(sql).isEqualTo(Route.REPLICA);
    }

    @Test
    void shouldRoutePlainSelectToReplicaWithItsTables() {
        Classification classification = classify(
                "SELECT a.id, b.name FROM accounts a JOIN Public.Branches b ON a.b = b.id WHERE a.id = $1");

        assertThat(classification.route()).isEqualTo(Route.REPLICA);
        assertThat(classification.tables()).containsExactlyInAnyOrder("accounts", "public.branches");
        assertThat(classification.refusal()).isEmpty();
        assertThat(classification.isRead()).isTrue();
    }

    @Test
    void shouldMarkReadsCallingUserFunctionsAsOpaqueSoTheyAreNotCached() {
        assertThat(classify("SELECT pure_user_function(id) FROM accounts").opaqueReads()).isTrue();
        assertThat(classify("SELECT vouched_report()").opaqueReads()).isTrue();
        assertThat(classify("SELECT count(*), lower(owner) FROM accounts WHERE id = $1").opaqueReads()).isFalse();
        assertThat(classify("SELECT COALESCE(owner, 'x') FROM accounts").opaqueReads()).isFalse();
    }

    @Test
    void shouldKeepQuotedTableNamesAsWritten() {
        assertThat(classify("SELECT * FROM \"Weird Table\"").tables()).containsExactly("Weird Table");
    }

    @Test
    void shouldNotReportCteNamesAsTables() {
        assertThat(classify("WITH recent AS (SELECT * FROM orders) SELECT * FROM recent").tables())
                .containsExactly("orders");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "WITH x AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM x",
            "WITH x AS (UPDATE t SET a = 1 RETURNING *) SELECT * FROM x",
            "WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x",
            "WITH r AS (SELECT 1), x AS (DELETE FROM t RETURNING *) SELECT * FROM r, x"})
    void shouldRouteWritableCteToPrimary(String sql) {
        Classification classification = classify(sql);

        assertThat(classification.route()).isEqualTo(Route.PRIMARY);
        assertThat(classification.reason()).contains("writable CTE");
        assertThat(classification.tables()).containsExactly("t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * FROM t FOR UPDATE", "SELECT * FROM t FOR NO KEY UPDATE", "SELECT * FROM t FOR SHARE",
            "SELECT * FROM t FOR KEY SHARE SKIP LOCKED", "SELECT 1 FROM t FOR UPDATE OF t NOWAIT",
            "SELECT * FROM (SELECT * FROM t FOR UPDATE) s"})
    void shouldRouteRowLockingSelectToPrimary(String sql) {
        Classification classification = classify(sql);

        assertThat(classification.route()).as(sql).isEqualTo(Route.PRIMARY);
        assertThat(classification.reason()).contains("locks rows");
    }

    @Test
    void shouldRouteSelectIntoToPrimary() {
        Classification classification = classify("SELECT * INTO new_table FROM t");

        assertThat(classification.route()).isEqualTo(Route.PRIMARY);
        assertThat(classification.reason()).contains("SELECT INTO");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT nextval('s')", "SELECT * FROM nextval('s')", "SELECT (SELECT nextval('a'))",
            "SELECT id FROM t WHERE id IN (SELECT currval('q'))", "SELECT setval('s', 10)", "SELECT lastval()",
            "SELECT pg_catalog.nextval('s')"})
    void shouldRouteSequenceFunctionsToPrimary(String sql) {
        assertPrimary(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT pg_advisory_xact_lock(1)", "SELECT pg_try_advisory_xact_lock(1)",
            "SELECT pg_advisory_xact_lock_shared(1)", "SELECT pg_advisory_unlock_all()"})
    void shouldRouteAdvisoryLocksToPrimary(String sql) {
        Classification classification = classify(sql);

        assertThat(classification.route()).isEqualTo(Route.PRIMARY);
        assertThat(classification.reason()).contains("advisory locks are per node");
        assertThat(classification.refusal()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT pg_advisory_lock(1)", "SELECT pg_try_advisory_lock_shared(1)",
            "INSERT INTO t VALUES (pg_advisory_lock(2))"})
    void shouldRefuseSessionLevelAdvisoryLocksThatOutliveTheRequest(String sql) {
        Classification classification = classify(sql);

        assertThat(classification.route()).isEqualTo(Route.PRIMARY);
        assertThat(classification.refusal()).get()
                .satisfies(refusal -> assertThat(refusal.why()).contains("pg_advisory_xact_lock"))
                .satisfies(refusal -> assertThat(refusal.allowedInTransaction()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT txid_current()", "SELECT pg_current_xact_id()", "SELECT txid_current_if_assigned()"})
    void shouldRouteXidAssigningStableFunctionsToPrimary(String sql) {
        Classification classification = classify(sql);

        assertThat(classification.route()).isEqualTo(Route.PRIMARY);
        assertThat(classification.reason()).contains("transaction id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT set_config('search_path', 'x', false)", "SELECT set_config('work_mem', '8MB', $1)",
            "SELECT set_config('search_path', 'x', 'off')", "SELECT 1, set_config('a.b', 'c', 1 = 0)",
            "UPDATE pg_settings SET setting = 'x' WHERE name = 'search_path'"})
    void shouldRefuseSetConfigThatIsNotTransactionLocal(String sql) {
        Classification classification = classify(sql);

        assertThat(classification.route()).as(sql).isEqualTo(Route.PRIMARY);
        assertThat(classification.refusal()).as(sql).get()
                .satisfies(refusal -> assertThat(refusal.why()).contains("third argument", "/v1/transaction"))
                .satisfies(refusal -> assertThat(refusal.allowedInTransaction()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT set_config('search_path', 'x', true)", "SELECT set_config('a.b', 'c', 'on')",
            "SELECT set_config('a.b', 'c', TRUE)"})
    void shouldRouteTransactionLocalSetConfigToPrimaryWithoutRefusal(String sql) {
        Classification classification = classify(sql);

        assertThat(classification.route()).as(sql).isEqualTo(Route.PRIMARY);
        assertThat(classification.reason()).as(sql).contains("set_config");
        assertThat(classification.refusal()).as(sql).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * INTO TEMP t2 FROM t", "SELECT a INTO TEMPORARY TABLE t2 FROM t",
            "select a into local temp t2 from t", "WITH x AS (SELECT 1 AS a) SELECT a INTO TEMP t2 FROM x"})
    void shouldRefuseSelectIntoTemporaryOutsideATransaction(String sql) {
        Classification classification = classify(sql);

        assertThat(classification.route()).as(sql).isEqualTo(Route.PRIMARY);
        assertThat(classification.refusal()).as(sql).get()
                .satisfies(refusal -> assertThat(refusal.allowedInTransaction()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"WITH x AS (SELECT 1 AS a) INSERT INTO temp SELECT a FROM x", "SELECT * INTO t2 FROM t"})
    void shouldNotMistakeATableNamedTempOrAPlainSelectIntoForATemporaryTable(String sql) {
        Classification classification = classify(sql);

        assertThat(classification.route()).as(sql).isEqualTo(Route.PRIMARY);
        assertThat(classification.refusal()).as(sql).isEmpty();
    }

    @Test
    void shouldRouteVolatileUserFunctionToPrimary() {
        assertThat(classify("SELECT volatile_writer(1)").reason()).contains("VOLATILE");
    }

    @Test
    void shouldRouteStableUserFunctionToPrimaryBecauseItCanCallWriters() {
        Classification classification = classify("SELECT * FROM t WHERE x = stable_writer()");

        assertThat(classification.route()).isEqualTo(Route.PRIMARY);
        assertThat(classification.reason()).contains("user function marked STABLE");
    }

    @Test
    void shouldRouteStableUserFunctionTheOperatorVouchedForToReplica() {
        assertReplica("SELECT vouched_report()");
    }

    @Test
    void shouldRouteUnknownFunctionToPrimary() {
        assertThat(classify("SELECT never_heard_of(1)").reason()).contains("not in pg_proc");
    }

    @Test
    void shouldFlagACallToAFunctionTheCatalogDoesNotHoldSoTheCatalogIsReadAgain() {
        assertThat(classify("SELECT never_heard_of(1)").unknownFunctions()).isTrue();
        assertThat(classify("SELECT 1; SELECT never_heard_of(1)").unknownFunctions()).isTrue();
    }

    @Test
    void shouldNotFlagKnownFunctionsOrFixedRulesAsUnknown() {
        assertThat(classify("SELECT lower(name) FROM t").unknownFunctions()).isFalse();
        assertThat(classify("SELECT nextval('s')").unknownFunctions()).isFalse();
        assertThat(classify("SELECT coalesce(x, 1) FROM t").unknownFunctions()).isFalse();
        assertThat(classify("SELECT vouched_report()").unknownFunctions()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT lower(name), count(*) FROM t GROUP BY 1", "SELECT now()", "SELECT random()",
            "SELECT coalesce(lower(x), upper(y)) FROM t", "SELECT pure_user_function(2)", "SELECT $1::text",
            "SELECT * FROM t WHERE id = ANY($1)", "VALUES (1)", "TABLE t", "SELECT x FROM t UNION SELECT y FROM s",
            "SHOW work_mem"})
    void shouldRouteReadOnlyFunctionsAndShapesToReplica(String sql) {
        assertReplica(sql);
    }

    @Test
    void shouldRouteVolatileBuiltinThatIsNotKnownReadOnlyToPrimary() {
        assertPrimary("SELECT pg_last_wal_replay_lsn()");
    }

    @Test
    void shouldRouteEveryFunctionToPrimaryWhileTheCatalogIsEmpty() {
        StatementClassifier blind = new StatementClassifier(FunctionCatalog.empty());

        assertThat(blind.classify("SELECT lower(name) FROM t").route()).isEqualTo(Route.PRIMARY);
        assertThat(blind.classify("SELECT name FROM t").route()).isEqualTo(Route.REPLICA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "DELETE FROM t",
            "INSERT INTO t SELECT * FROM s ON CONFLICT DO NOTHING",
            "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = 1", "TRUNCATE t",
            "CREATE TABLE n (a int)", "CREATE UNLOGGED TABLE u (a int)", "DROP TABLE t", "ALTER TABLE t ADD c int",
            "GRANT SELECT ON t TO someone", "CREATE INDEX i ON t (a)"})
    void shouldRouteWritesAndDdlToPrimary(String sql) {
        assertPrimary(sql);
    }

    @Test
    void shouldTagWritesWithTheTablesTheyTouch() {
        assertThat(classify("INSERT INTO orders SELECT * FROM staging").tables()).containsExactlyInAnyOrder("orders",
                "staging");
        assertThat(classify("UPDATE Accounts SET a = 1").tables()).containsExactly("accounts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EXPLAIN ANALYZE INSERT INTO t VALUES (1)", "EXPLAIN (ANALYZE, FORMAT JSON) DELETE FROM t",
            "EXPLAIN (ANALYZE true) UPDATE t SET a = 1", "explain analyse verbose insert into t values (1)",
            "EXPLAIN ANALYZE WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x"})
    void shouldRouteExplainAnalyzeOfAWriteToPrimary(String sql) {
        Classification classification = classify(sql);

        assertThat(classification.route()).as(sql).isEqualTo(Route.PRIMARY);
        assertThat(classification.reason()).contains("EXPLAIN ANALYZE executes");
    }

    @Test
    void shouldRouteExplainOfAReadToReplica() {
        Classification classification = classify("EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM t WHERE id = 1");

        assertThat(classification.route()).isEqualTo(Route.REPLICA);
        assertThat(classification.tables()).containsExactly("t");
    }

    @Test
    void shouldKeepExplainOfAWriteWithoutAnalyzeOnPrimary() {
        assertPrimary("EXPLAIN INSERT INTO t VALUES (1)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/* SELECT */ INSERT INTO t VALUES (1)", "-- just a read\nDELETE FROM t",
            "/* outer /* nested */ still comment */ UPDATE t SET a = 1"})
    void shouldSeeThroughCommentsBeforeKeywords(String sql) {
        assertPrimary(sql);
    }

    @Test
    void shouldRouteCommentedSelectToReplica() {
        assertReplica("/* INSERT */ -- DELETE\n SELECT 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1; DELETE FROM t", "SELECT * FROM t; SELECT nextval('s')",
            "SELECT ';'; INSERT INTO t VALUES (';')"})
    void shouldRouteMultiStatementStringToPrimaryWhenAnyStatementNeedsIt(String sql) {
        Classification classification = classify(sql);

        assertThat(classification.route()).isEqualTo(Route.PRIMARY);
        assertThat(classification.reason()).startsWith("statement 2 of 2");
    }

    @Test
    void shouldRouteMultiStatementReadsToReplica() {
        Classification classification = classify("SELECT * FROM a; SELECT * FROM b;");

        assertThat(classification.route()).isEqualTo(Route.REPLICA);
        assertThat(classification.tables()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void shouldNotSplitOnSemicolonsInsideDollarQuotedBodies() {
        Classification classification = classify("DO $$ BEGIN PERFORM 1; END $$");

        assertThat(classification.route()).isEqualTo(Route.PRIMARY);
        assertThat(classification.reason()).contains("DO");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CALL archive_orders()", "LOCK TABLE t IN ACCESS SHARE MODE", "LOCK t",
            "REFRESH MATERIALIZED VIEW mv", "VACUUM t", "ANALYZE t", "CHECKPOINT", "NOTIFY ch, 'x'",
            "SELECT pg_notify('ch', 'x')"})
    void shouldRouteProceduresLocksAndMaintenanceToPrimary(String sql) {
        Classification classification = classify(sql);

        assertThat(classification.route()).as(sql).isEqualTo(Route.PRIMARY);
        assertThat(classification.refusal()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BEGIN", "START TRANSACTION", "COMMIT", "END", "ROLLBACK", "SAVEPOINT a",
            "RELEASE SAVEPOINT a", "PREPARE TRANSACTION 'x'", "BEGIN; INSERT INTO t VALUES (1); COMMIT"})
    void shouldRefuseExplicitTransactionControlEvenInsideTransactions(String sql) {
        Classification classification = classify(sql);

        assertThat(classification.route()).isEqualTo(Route.PRIMARY);
        assertThat(classification.refusal()).get()
                .satisfies(refusal -> assertThat(refusal.why()).contains("/v1/transaction"))
                .satisfies(refusal -> assertThat(refusal.allowedInTransaction()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET LOCAL work_mem = '1MB'", "CREATE TEMP TABLE tt (a int)",
            "CREATE TEMPORARY TABLE tt AS SELECT 1",
            "CREATE LOCAL TEMPORARY TABLE tt (a int)"})
    void shouldRefuseSessionStateOutsideATransactionButAllowItInside(String sql) {
        Classification classification = classify(sql);

        assertThat(classification.refusal()).as(sql).get()
                .satisfies(refusal -> assertThat(refusal.allowedInTransaction()).isTrue());
        assertThat(classification.route()).isEqualTo(Route.PRIMARY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET search_path = x", "SET SESSION statement_timeout = 5", "set work_mem to '1MB'",
            "LISTEN ch", "UNLISTEN *", "RESET ALL", "DISCARD ALL", "DEALLOCATE p",
            "PREPARE p AS SELECT 1", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"})
    void shouldRefuseSessionStateRestCannotCarry(String sql) {
        assertThat(classify(sql).refusal()).as(sql).get()
                .satisfies(refusal -> assertThat(refusal.allowedInTransaction()).isFalse());
    }

    @Test
    void shouldExplainWhyPlainSetIsRefused() {
        assertThat(classify("SET search_path = x").refusal()).get()
                .satisfies(refusal -> assertThat(refusal.why()).contains("later requests"));
    }

    @Test
    void shouldRouteCopyFromToPrimaryAndCopyToByItsQuery() {
        assertThat(classify("COPY t FROM STDIN").route()).isEqualTo(Route.PRIMARY);
        assertThat(classify("COPY t (a, b) FROM STDIN").route()).isEqualTo(Route.PRIMARY);
        assertThat(classify("COPY t TO STDOUT").route()).isEqualTo(Route.REPLICA);
        assertThat(classify("COPY (SELECT * FROM t) TO STDOUT").route()).isEqualTo(Route.REPLICA);
        assertThat(classify("COPY (SELECT nextval('s')) TO STDOUT").route()).isEqualTo(Route.PRIMARY);
        assertThat(classify("COPY t TO STDOUT").refusal()).get()
                .satisfies(refusal -> assertThat(refusal.why()).contains("wire protocol"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELEC * FROM t", "SELECT FROM WHERE", "frobnicate the table", "SELECT 'unterminated",
            "IMPORT FOREIGN SCHEMA s FROM SERVER x INTO y"})
    void shouldRouteAnythingUnparseableToPrimary(String sql) {
        assertPrimary(sql);
    }

    @Test
    void shouldNotTreatKeywordsInsideStringsAsStatements() {
        assertReplica("SELECT 'BEGIN; DELETE FROM t' AS text");
        assertReplica("SELECT 'it''s; DROP TABLE t' AS text");
        assertThat(classify("SELECT E'it\\'s; DROP TABLE t' AS text").reason()).doesNotStartWith("statement");
    }

    @Test
    void shouldRouteEmptySqlToPrimary() {
        assertThat(classify("  -- nothing\n").reason()).isEqualTo("no statement");
    }

    @Test
    void shouldNameTheWrittenTablesOnlyForPlainDml() {
        assertThat(classify("UPDATE accounts SET a = 1").plainDml()).isTrue();
        assertThat(classify("INSERT INTO t VALUES (nextval('s'))").plainDml()).isTrue();
        assertThat(classify("INSERT INTO t VALUES (volatile_writer(1))").plainDml()).isFalse();
        assertThat(classify("SELECT volatile_writer(1)").plainDml()).isFalse();
        assertThat(classify("DO $$ BEGIN DELETE FROM t; END $$").plainDml()).isFalse();
        assertThat(classify("UPDATE a SET x = 1; DELETE FROM b").plainDml()).isTrue();
        assertThat(classify("UPDATE a SET x = 1; CALL p()").plainDml()).isFalse();
        assertThat(classify("SELECT * FROM a").plainDml()).isFalse();
    }
}
