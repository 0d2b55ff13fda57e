package io.perfsuite.router.api;

import static io.perfsuite.router.api.RouterApi.ADMIN;
import static io.perfsuite.router.api.RouterApi.READER;
import static io.perfsuite.router.api.RouterApi.WRITER;
import static io.perfsuite.router.api.RouterApi.classify;
import static io.perfsuite.router.api.RouterApi.query;
import static io.perfsuite.router.api.RouterApi.transaction;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.perfsuite.testsupport.PostgresCluster;
import io.perfsuite.testsupport.PostgresTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class QueryApiTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String TOKEN = "\\d+:[0-9A-F]+/[0-9A-F]+";

    @TestServer
    PostgresCluster postgres;

    @BeforeEach
    void schema() {
        postgres.execute("CREATE TABLE IF NOT EXISTS accounts (id int PRIMARY KEY, owner text, balance numeric, "
                + "tags text[], meta jsonb)");
        postgres.execute("INSERT INTO accounts VALUES (1, 'ada', 10.50, '{a,b}', '{\"vip\": true}') ON CONFLICT DO NOTHING");
        postgres.execute("CREATE SEQUENCE IF NOT EXISTS ids");
        postgres.execute("CREATE TABLE IF NOT EXISTS audit (at timestamptz DEFAULT now())");
        // declared replica-safe in the test profile, yet it writes: the replica will refuse it with 25006
        postgres.execute("CREATE OR REPLACE FUNCTION audited_read() RETURNS int LANGUAGE sql VOLATILE AS "
                + "'INSERT INTO audit DEFAULT VALUES; SELECT 1'");
        postgres.awaitReplicaCaughtUp(BOUND);
        await().atMost(BOUND).untilAsserted(() -> RouterApi.replicas().statusCode(200)
                .body("find { it.name == 'replica-1' }.breaker", equalTo("closed")));
    }

    @Test
    void shouldRunParameterisedReadOnTheReplicaWithTypedColumns() {
        query(READER, "SELECT id, owner, balance, tags, meta FROM accounts WHERE id = $1", 1)
                .statusCode(200)
                .body("routedTo", equalTo("replica-1"))
                .body("rowCount", equalTo(1))
                .body("columns.name", equalTo(List.of("id", "owner", "balance", "tags", "meta")))
                .body("columns[0].type", equalTo("int4"))
                .body("rows[0][0]", equalTo(1))
                .body("rows[0][1]", equalTo("ada"))
                .body("rows[0][2]", equalTo(10.50f))
                .body("rows[0][3]", equalTo(List.of("a", "b")))
                .body("rows[0][4].vip", equalTo(true))
                .body("cached", equalTo(false));
    }

    @Test
    void shouldBindJsonArraysAndObjectsAsParameters() {
        query(READER, "SELECT count(*)::int FROM accounts WHERE id = ANY($1) AND meta @> $2", List.of(1, 2),
                Map.of("vip", true))
                .statusCode(200)
                .body("rows[0][0]", equalTo(1));
    }

    @Test
    void shouldRunWritesOnThePrimaryAndHandBackAConsistencyToken() {
        query(WRITER, "INSERT INTO accounts (id, owner) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET owner = $2", 2,
                "grace")
                .statusCode(200)
                .body("routedTo", equalTo("primary"))
                .body("consistencyToken", matchesPattern(TOKEN))
                .body("reason", containsString("INSERT writes"));
    }

    @Test
    void shouldRunTheHardCasesWhereTheyWork() {
        query(WRITER, "WITH moved AS (UPDATE accounts SET balance = balance WHERE id = $1 RETURNING id) "
                + "SELECT id FROM moved", 1)
                .statusCode(200).body("routedTo", equalTo("primary")).body("rows[0][0]", equalTo(1));
        query(WRITER, "SELECT id FROM accounts WHERE id = $1 FOR UPDATE", 1)
                .statusCode(200).body("routedTo", equalTo("primary"));
        query(WRITER, "SELECT nextval('ids')").statusCode(200).body("routedTo", equalTo("primary"));
        query(WRITER, "SELECT txid_current()").statusCode(200).body("routedTo", equalTo("primary"));
        query(WRITER, "EXPLAIN (ANALYZE, FORMAT JSON) UPDATE accounts SET owner = owner WHERE id = 1")
                .statusCode(200).body("routedTo", equalTo("primary"));
        query(READER, "/* INSERT */ SELECT 1; SELECT 2").statusCode(200)
                .body("routedTo", equalTo("replica-1")).body("rows[0][0]", equalTo(2));
        query(WRITER, "SELECT 1; DELETE FROM audit WHERE false").statusCode(200).body("routedTo", equalTo("primary"));
    }

    @Test
    void shouldRetryOnThePrimaryWhenTheReplicaRefusesAWriteAndCountIt() {
        double before = misroutes();

        query(WRITER, "SELECT audited_read()")
                .statusCode(200)
                .body("routedTo", equalTo("primary"))
                .body("rows[0][0]", equalTo(1));

        await().atMost(BOUND).until(() -> misroutes() >= before + 1);
    }

    @Test
    void shouldRefuseAWriteFromAReadOnlyKey() {
        query(READER, "DELETE FROM accounts WHERE id = $1", 1)
                .statusCode(403)
                .contentType("application/problem+json")
                .body("field", equalTo("sql"))
                .body("rule", equalTo("read-only"))
                .body("detail", containsString("DELETE writes"));
    }

    @Test
    void shouldRunReadsOnThePrimaryInAReadOnlyTransactionWhateverTheKey() {
        query(READER, Map.of("sql", "SELECT current_setting('transaction_read_only')", "consistency", "strong"))
                .statusCode(200)
                .body("routedTo", equalTo("primary"))
                .body("rows[0][0]", equalTo("on"));
        // a read standing in for a replica read keeps the replica's refusal of writes, for any key
        query(WRITER, Map.of("sql", "SELECT current_setting('transaction_read_only')", "consistency", "strong"))
                .statusCode(200)
                .body("routedTo", equalTo("primary"))
                .body("rows[0][0]", equalTo("on"));
        // what the classifier sends to the primary runs as a write
        query(WRITER, Map.of("sql", "SELECT current_setting('transaction_read_only'), nextval('ids')"))
                .statusCode(200)
                .body("rows[0][0]", equalTo("off"));
    }

    @Test
    void shouldRefusePlainSetWithAnExplanation() {
        query(WRITER, "SET search_path = elsewhere")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("rule", equalTo("stateless"))
                .body("detail", containsString("later requests"));
    }

    @Test
    void shouldRefuseListenAndTransactionControlAndSessionAdvisoryLocks() {
        query(WRITER, "LISTEN events").statusCode(400).body("detail", containsString("notifications"));
        query(WRITER, "BEGIN").statusCode(400).body("detail", containsString("/v1/transaction"));
        query(WRITER, "SELECT pg_advisory_lock(42)").statusCode(400).body("detail", containsString("pg_advisory_xact_lock"));
    }

    @Test
    void shouldRefuseTempTableOutsideATransactionButRunItInside() {
        query(WRITER, "CREATE TEMP TABLE scratch (a int)").statusCode(400)
                .body("detail", containsString("temporary table"));

        transaction(WRITER, Map.of("isolation", "repeatable-read", "statements", List.of(
                Map.of("sql", "CREATE TEMP TABLE scratch (a int)"),
                Map.of("sql", "INSERT INTO scratch VALUES ($1), ($2)", "params", List.of(1, 2)),
                Map.of("sql", "SET LOCAL work_mem = '8MB'"),
                Map.of("sql", "SELECT sum(a)::int FROM scratch"))))
                .statusCode(200)
                .body("routedTo", equalTo("primary"))
                .body("results", hasSize(4))
                .body("results[1].rowCount", equalTo(2))
                .body("results[3].rows[0][0]", equalTo(3))
                .body("consistencyToken", matchesPattern(TOKEN));

        // DISCARD TEMP after the commit: the pooled connection does not keep the table
        query(WRITER, Map.of("sql", "SELECT count(*) FROM pg_class WHERE relname = 'scratch' AND relpersistence = 't'",
                "consistency", "strong")).statusCode(200).body("rows[0][0]", equalTo(0));
    }

    @Test
    void shouldRefuseSessionWideSetConfigAndDiscardATableMadeBySelectIntoTemp() {
        query(WRITER, "SELECT set_config('search_path', 'nowhere', false)").statusCode(400)
                .body("rule", equalTo("stateless")).body("detail", containsString("third argument"));
        transaction(WRITER, Map.of("statements", List.of(Map.of("sql", "SELECT set_config('search_path', 'x', false)"))))
                .statusCode(400).body("field", equalTo("statements[0].sql"));
        query(WRITER, "SELECT 1 AS a INTO TEMP scratch_into").statusCode(400)
                .body("detail", containsString("temporary table"));

        transaction(WRITER, Map.of("statements", List.of(
                Map.of("sql", "SELECT set_config('work_mem', '8MB', true)"),
                Map.of("sql", "SELECT 7 AS a INTO TEMP scratch_into"),
                Map.of("sql", "SELECT a FROM scratch_into"))))
                .statusCode(200)
                .body("results[2].rows[0][0]", equalTo(7));

        // pg_class lists every session's temporary tables: none is left on the pooled connection
        query(WRITER, Map.of("sql", "SELECT count(*)::int FROM pg_class WHERE relname = 'scratch_into'",
                "consistency", "strong")).statusCode(200).body("rows[0][0]", equalTo(0));
    }

    @Test
    void shouldAnswerAWriteReturningMoreThanMaxRowsWithItsTokenAfterCommittingIt() {
        query(WRITER, Map.of("sql", "INSERT INTO accounts (id, owner) SELECT g, 'bulk' FROM generate_series(1201, 1203) g "
                + "ON CONFLICT DO NOTHING RETURNING id", "maxRows", 2))
                .statusCode(422)
                .body("field", equalTo("maxRows"))
                .body("detail", containsString("committed"))
                .body("consistencyToken", matchesPattern(TOKEN));

        query(WRITER, Map.of("sql", "SELECT count(*)::int FROM accounts WHERE owner = 'bulk'", "consistency", "strong"))
                .statusCode(200).body("rows[0][0]", equalTo(3));
    }

    @Test
    void shouldRollBackTheWholeTransactionWhenAStatementFails() {
        transaction(WRITER, Map.of("statements", List.of(
                Map.of("sql", "INSERT INTO accounts (id, owner) VALUES (900, 'tx')"),
                Map.of("sql", "INSERT INTO accounts (id, owner) VALUES (900, 'duplicate')"))))
                .statusCode(409)
                .body("sqlState", equalTo("23505"))
                .body("detail", containsString("statements[1].sql"));

        query(WRITER, Map.of("sql", "SELECT count(*)::int FROM accounts WHERE id = 900", "consistency", "strong"))
                .statusCode(200).body("rows[0][0]", equalTo(0));
    }

    @Test
    void shouldRefuseWritesInATransactionFromAReadOnlyKey() {
        transaction(READER, Map.of("statements", List.of(Map.of("sql", "SELECT 1"),
                Map.of("sql", "UPDATE accounts SET owner = 'x'"))))
                .statusCode(403)
                .body("field", equalTo("statements[1].sql"));
    }

    /** The hard-case corpus (also run by the benchmark): expected route, a tab, the SQL. */
    static List<Arguments> hardCases() throws IOException {
        try (InputStream in = QueryApiTest.class.getResourceAsStream("/hard-cases.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t", 2))
                    .map(fields -> Arguments.of(fields[0], fields[1]))
                    .toList();
        }
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("hardCases")
    void shouldRouteEveryHardCaseOfTheCorpusWithTheRealCatalog(String expected, String sql) {
        classify(sql).statusCode(200).body("route", equalTo(expected));
    }

    @Test
    void shouldRunEveryHardCaseWhereItWasRoutedAndNeverSendAWriteToTheReplica() throws IOException {
        // the objects the corpus names, so that what can run does
        postgres.execute("CREATE TABLE IF NOT EXISTS pgbench_accounts (aid int PRIMARY KEY, abalance int)");
        postgres.execute("INSERT INTO pgbench_accounts VALUES (1, 0) ON CONFLICT DO NOTHING");
        postgres.execute("CREATE TABLE IF NOT EXISTS pgbench_branches (bid int PRIMARY KEY, bbalance int)");
        postgres.execute("CREATE TABLE IF NOT EXISTS pgbench_tellers (tid int PRIMARY KEY, bid int)");
        postgres.execute("CREATE TABLE IF NOT EXISTS pgbench_history (tid int)");
        postgres.execute("CREATE SEQUENCE IF NOT EXISTS s");
        postgres.execute("CREATE OR REPLACE PROCEDURE some_procedure() LANGUAGE sql AS 'SELECT 1'");
        postgres.execute("CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT 1 AS one");
        postgres.execute("DROP TABLE IF EXISTS copy_of_accounts");
        postgres.awaitReplicaCaughtUp(BOUND);
        double misroutesBefore = misroutes();

        for (Arguments hardCase : hardCases()) {
            String expected = (String) hardCase.get()[0];
            String sql = (String) hardCase.get()[1];
            // currval needs this session's nextval first, which REST cannot promise: it may fail, on the primary
            ExtractableResponse<Response> response = query(WRITER, sql).extract();
            if (response.statusCode() == 200) {
                assertThat(response.<String>path("routedTo")).as(sql)
                        .isEqualTo("replica".equals(expected) ? "replica-1" : "primary");
            } else if ("stateless".equals(response.path("rule"))) {
                // refused before running: session state, or COPY's wire-protocol stream, whichever node it reads
                assertThat(response.statusCode()).as(sql).isEqualTo(400);
            } else {
                // failed where it ran (LOCK outside a transaction, currval before nextval, a syntax error)
                assertThat(response.statusCode()).as(sql).isBetween(400, 499);
                assertThat(expected).as(sql).isEqualTo("primary");
            }
        }

        // a write classified as a read would have been refused by the replica (25006) and counted here
        assertThat(misroutes()).isEqualTo(misroutesBefore);
    }

    @Test
    void shouldClassifyWithoutRunning() {
        classify("WITH gone AS (DELETE FROM accounts RETURNING *) SELECT * FROM gone")
                .statusCode(200)
                .body("route", equalTo("primary"))
                .body("reason", containsString("writable CTE"))
                .body("tables", equalTo(List.of("accounts")));
        classify("SELECT owner FROM accounts WHERE id = $1")
                .statusCode(200)
                .body("route", equalTo("replica"))
                .body("tables", equalTo(List.of("accounts")));
        // the classification above did not run the DELETE
        query(READER, "SELECT count(*)::int FROM accounts WHERE id = 1").statusCode(200).body("rows[0][0]", equalTo(1));
    }

    @Test
    void shouldUseFunctionVolatilityFromPgProc() {
        postgres.execute("CREATE OR REPLACE FUNCTION stable_lookup(int) RETURNS text LANGUAGE sql STABLE AS "
                + "'SELECT owner FROM accounts WHERE id = $1'");
        postgres.execute("CREATE OR REPLACE FUNCTION double_it(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 * 2'");

        await().atMost(BOUND).untilAsserted(() -> classify("SELECT double_it(2)").body("route", equalTo("replica")));
        classify("SELECT stable_lookup(1)").statusCode(200).body("route", equalTo("primary"))
                .body("reason", containsString("user function marked STABLE"));
        classify("SELECT lower(owner) FROM accounts").body("route", equalTo("replica"));
    }

    @Test
    void shouldRejectBadInputWithProblemBodies() {
        query(WRITER, Map.of("params", List.of())).statusCode(400)
                .body("field", equalTo("sql")).body("rule", equalTo("required"));
        query(WRITER, Map.of("sql", "SELECT 1", "consistency", "sometimes")).statusCode(400)
                .body("field", equalTo("consistency")).body("rule", equalTo("enum"));
        query(WRITER, Map.of("sql", "SELECT 1", "consistency", "bounded")).statusCode(400)
                .body("field", equalTo("maxStalenessMs"));
        query(WRITER, Map.of("sql", "SELECT 1", "consistencyToken", "yesterday")).statusCode(400)
                .body("field", equalTo("consistencyToken")).body("rule", equalTo("format"));
        query(WRITER, Map.of("sql", "SELECT 1", "timeoutMs", 0)).statusCode(400).body("field", equalTo("timeoutMs"));
        query(WRITER, Map.of("sql", "SELECT 1", "maxRows", "many")).statusCode(400).body("field", equalTo("maxRows"))
                .body("rule", equalTo("type"));
        query(WRITER, Map.of("sql", "SELECT 1; SELECT $1", "params", List.of(1))).statusCode(400)
                .body("rule", equalTo("single-statement"));
        query(WRITER, "SELECT owner FROM accounts WHERE id = $1", "not-a-number").statusCode(400)
                .body("field", equalTo("params[0]"))
                .contentType("application/problem+json");
        query(WRITER, "SELEC oops").statusCode(400).body("sqlState", equalTo("42601"));
        given().header("X-API-Key", WRITER).contentType(ContentType.JSON).body("{\"sql\": ").when().post("/v1/query")
                .then().statusCode(400).body("field", equalTo("body")).body("rule", equalTo("json"));
    }

    @Test
    void shouldRejectMissingOrUnknownKeys() {
        given().contentType(ContentType.JSON).body(Map.of("sql", "SELECT 1")).when().post("/v1/query")
                .then().statusCode(401).contentType("application/problem+json");
        query("not-a-key-at-all-here", "SELECT 1").statusCode(401).body("detail", equalTo("unknown API key"));
        given().header("X-API-Key", WRITER).when().get("/v1/slow-queries").then().statusCode(403);
    }

    @Test
    void shouldEnforceMaxRowsTimeoutAndSqlLength() {
        query(READER, Map.of("sql", "SELECT generate_series(1, 50)", "maxRows", 10)).statusCode(422)
                .body("field", equalTo("maxRows")).body("detail", containsString("more than maxRows=10"));
        query(READER, Map.of("sql", "SELECT generate_series(1, 10)", "maxRows", 10)).statusCode(200)
                .body("rowCount", equalTo(10));
        query(READER, Map.of("sql", "SELECT pg_sleep(5)", "timeoutMs", 200)).statusCode(504)
                .body("sqlState", equalTo("57014")).body("detail", containsString("timeoutMs=200"));
        query(READER, Map.of("sql", "SELECT 1 -- " + "x".repeat(70_000))).statusCode(413)
                .body("field", equalTo("sql")).body("rule", equalTo("max-length"));
        given().header("X-API-Key", READER).contentType(ContentType.JSON)
                .body(Map.of("sql", "SELECT 1", "params", List.of("y".repeat(2_000_000))))
                .when().post("/v1/query").then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("field", equalTo("body"))
                .body("rule", equalTo("max-size"))
                .body("detail", containsString("quarkus.http.limits.max-body-size"));
    }

    @Test
    void shouldRefuseAChunkedBodyOverTheLimitWithAProblemBody() throws Exception {
        // no Content-Length: the limit is found while the body streams in
        byte[] body = ("{\"sql\": \"SELECT 1\", \"params\": [\"" + "z".repeat(2_000_000) + "\"]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpRequest request = java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                        + "/v1/query"))
                .header("X-API-Key", READER).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers
                        .ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
                // HTTP/1.1: an h2c upgrade attempt turns the early 413 into a reset stream
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(request,
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(413);
        org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        org.assertj.core.api.Assertions.assertThat(response.body()).contains("\"field\":\"body\"")
                .contains("\"rule\":\"max-size\"");
    }

    @Test
    void shouldRefuseABodyThatIsNotJsonOrIsEmpty() {
        given().header("X-API-Key", READER).contentType(ContentType.TEXT).body("SELECT 1").when().post("/v1/query")
                .then().statusCode(415).contentType("application/problem+json")
                .body("field", equalTo("Content-Type")).body("rule", equalTo("json"));
        given().header("X-API-Key", READER).contentType(ContentType.JSON).when().post("/v1/query")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("body")).body("rule", equalTo("required"));
        // the connection stays usable after a refused request
        query(READER, "SELECT 1").statusCode(200).body("rowCount", equalTo(1));
    }

    @Test
    void shouldStopReadingAtMaxRowsInsteadOfProducingTheWholeResult() {
        // two billion rows, produced one by one (a set-returning function in the select list streams; in FROM it
        // would be materialised first): only a fetch that stops at maxRows + 1 answers before the timeout
        String huge = "SELECT generate_series(1, 2000000000) AS g";
        query(READER, Map.of("sql", huge, "maxRows", 100, "timeoutMs", 20_000)).statusCode(422)
                .body("field", equalTo("maxRows")).body("detail", containsString("reading stopped at row 101"));
        query(READER, Map.of("sql", huge, "maxRows", 5, "consistency", "strong", "timeoutMs", 20_000)).statusCode(422)
                .body("detail", containsString("reading stopped at row 6"));

        // the connections that ran them are clean: later reads on both nodes answer normally
        for (int i = 0; i < 20; i++) {
            query(READER, Map.of("sql", "SELECT generate_series(1, 3)", "maxRows", 3)).statusCode(200)
                    .body("rows", hasSize(3));
            query(READER, Map.of("sql", "SELECT generate_series(1, 3)", "maxRows", 3, "consistency", "strong"))
                    .statusCode(200).body("rows", hasSize(3));
        }
    }

    @Test
    void shouldRollBackATransactionWhoseStatementReturnsMoreThanMaxRows() {
        // the second statement streams two billion rows: only a bound at maxRows + 1 answers before the timeout
        transaction(WRITER, Map.of("maxRows", 10, "timeoutMs", 20_000, "statements", List.of(
                Map.of("sql", "INSERT INTO accounts (id, owner) VALUES (1301, 'tx-rows')"),
                Map.of("sql", "SELECT generate_series(1, 2000000000) AS g"))))
                .statusCode(422)
                .body("field", equalTo("maxRows"))
                .body("detail", containsString("statements[1]"))
                .body("detail", containsString("rolled back"));

        query(WRITER, Map.of("sql", "SELECT count(*)::int FROM accounts WHERE id = 1301", "consistency", "strong"))
                .statusCode(200).body("rows[0][0]", equalTo(0));
        // a multi-statement string: every result counts, not only the last
        transaction(WRITER, Map.of("maxRows", 10, "statements", List.of(
                Map.of("sql", "SELECT generate_series(1, 20); SELECT 1"))))
                .statusCode(422).body("detail", containsString("statements[0]"));
        transaction(WRITER, Map.of("maxRows", 0, "statements", List.of(Map.of("sql", "SELECT 1"))))
                .statusCode(400).body("field", equalTo("maxRows"));
    }

    @Test
    void shouldLogASlowTransactionWithItsStatementsAndTraceId() {
        transaction(WRITER, Map.of("statements", List.of(Map.of("sql", "SELECT 1 AS slow_tx_marker"),
                Map.of("sql", "SELECT pg_sleep(0.3)")))).statusCode(200);

        await().atMost(BOUND).untilAsserted(() -> given().header("X-API-Key", ADMIN).when().get("/v1/slow-queries")
                .then().statusCode(200)
                .body("find { it.sql.contains('slow_tx_marker') }.sql", containsString("pg_sleep(0.3)"))
                .body("find { it.sql.contains('slow_tx_marker') }.node", equalTo("primary"))
                .body("find { it.sql.contains('slow_tx_marker') }.traceId", matchesPattern("[0-9a-f]{32}")));
    }

    @Test
    void shouldLogSlowReadsWithPlanAndTraceId() {
        query(READER, "SELECT pg_sleep(0.3), count(*) FROM accounts").statusCode(200);

        await().atMost(BOUND).untilAsserted(() -> given().header("X-API-Key", ADMIN).when().get("/v1/slow-queries")
                .then().statusCode(200)
                .body("find { it.sql.contains('pg_sleep(0.3)') }.node", startsWith("replica"))
                .body("find { it.sql.contains('pg_sleep(0.3)') }.traceId", matchesPattern("[0-9a-f]{32}"))
                .body("find { it.sql.contains('pg_sleep(0.3)') }.plan[0].Plan", notNullValue()));
    }

    @Test
    void shouldPublishRouteCountsLagAndLatencyHistograms() {
        query(READER, "SELECT 1").statusCode(200);

        List<String> expected = List.of("router_routes_total{kind=\"read\",node=\"replica-1\",target=\"replica\"}",
                "router_replica_lag_bytes{node=\"replica-1\"}", "router_query_duration_seconds_bucket{",
                "router_node_outstanding{node=\"primary\"}",
                // api-support's buckets on the Vert.x route of POST /v1/query
                "http_server_requests_seconds_bucket{method=\"POST\",outcome=\"SUCCESS\",status=\"200\",uri=\"/v1/query\",le=\"0.001\"}");
        // a scrape can race the bookkeeping of the read it follows, so look again for a bounded time; the message
        // names only what is missing instead of the whole exposition
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> lines = given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                    .toList();
            List<String> missing = expected.stream()
                    .filter(series -> lines.stream().noneMatch(line -> line.startsWith(series))).toList();
            org.assertj.core.api.Assertions.assertThat(missing).as("series missing from /q/metrics").isEmpty();
        });
    }

    private static double misroutes() {
        String metrics = given().when().get("/q/metrics").then().extract().asString();
        return metrics.lines().filter(line -> line.startsWith("router_misroutes_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void shouldListNodesWithRoleHealthAndLag() {
        RouterApi.replicas().statusCode(200)
                .body("name", hasItem("primary"))
                .body("find { it.name == 'primary' }.role", equalTo("primary"))
                .body("find { it.name == 'replica-1' }.role", equalTo("replica"))
                .body("find { it.name == 'replica-1' }.healthy", equalTo(true))
                .body("find { it.name == 'replica-1' }.lagBytes", notNullValue())
                .body("find { it.name == 'replica-1' }.lagMs", notNullValue())
                .body("find { it.name == 'replica-1' }.lastCheck", notNullValue());
    }
}
