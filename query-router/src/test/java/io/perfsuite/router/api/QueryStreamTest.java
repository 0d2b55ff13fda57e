package io.perfsuite.router.api;

import static io.perfsuite.router.api.RouterApi.READER;
import static io.perfsuite.router.api.RouterApi.WRITER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class QueryStreamTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String TOKEN = "\\d+:[0-9A-F]+/[0-9A-F]+";
    private static final String SERIES = "SELECT g, 'row ' || g AS label FROM generate_series(1, $1) g";

    @BeforeEach
    void replicaInRotation() {
        await().atMost(BOUND).untilAsserted(() -> RouterApi.replicas()
                .body("find { it.name == 'replica-1' }.inRotation", equalTo(true)));
    }

    private static List<String> stream(String key, Map<String, ?> body) {
        String text = given().header("X-API-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/v1/query/stream").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        return text.lines().toList();
    }

    @Test
    void shouldStreamMoreRowsThanAQueryMayReturnFromTheReplica() {
        RouterApi.query(READER, SERIES, 25_000).statusCode(422);

        List<String> lines = stream(READER, Map.of("sql", SERIES, "params", List.of(25_000)));

        JsonPath header = JsonPath.from(lines.get(0));
        assertThat(header.getString("routedTo")).isEqualTo("replica-1");
        assertThat(header.getList("columns.name")).containsExactly("g", "label");
        assertThat(lines).hasSize(25_002);
        assertThat(lines.get(1)).isEqualTo("[1,\"row 1\"]");
        assertThat(lines.get(25_000)).isEqualTo("[25000,\"row 25000\"]");
        assertThat(JsonPath.from(lines.get(25_001)).getInt("end.rowCount")).isEqualTo(25_000);
    }

    @Test
    void shouldStreamAStrongReadFromThePrimaryWithThePrimarysToken() {
        List<String> lines = stream(READER, Map.of("sql", SERIES, "params", List.of(3), "consistency", "strong"));

        JsonPath header = JsonPath.from(lines.get(0));
        assertThat(header.getString("routedTo")).isEqualTo("primary");
        assertThat(header.getString("consistencyToken")).matches(TOKEN);
        assertThat(lines).hasSize(5);
    }

    @Test
    void shouldStreamAnEmptyResultWithItsColumns() {
        List<String> lines = stream(READER, Map.of("sql", SERIES, "params", List.of(0)));

        assertThat(JsonPath.from(lines.get(0)).getList("columns.name")).containsExactly("g", "label");
        assertThat(JsonPath.from(lines.get(1)).getInt("end.rowCount")).isZero();
    }

    @Test
    void shouldEndWithAProblemLineWhenTheResultPassesMaxRows() {
        List<String> lines = stream(READER, Map.of("sql", SERIES, "params", List.of(1000), "maxRows", 100));

        assertThat(lines).hasSize(102);
        JsonPath last = JsonPath.from(lines.get(101));
        assertThat(last.getInt("error.status")).isEqualTo(422);
        assertThat(last.getString("error.field")).isEqualTo("maxRows");
    }

    @Test
    void shouldRefuseToStreamAStatementThatNeedsThePrimary() {
        given().header("X-API-Key", WRITER).contentType(ContentType.JSON)
                .body(Map.of("sql", "DELETE FROM pg_temp.nothing RETURNING 1"))
                .when().post("/v1/query/stream").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("sql"))
                .body("rule", equalTo("read"));
    }

    @Test
    void shouldRefuseAStreamWithoutAKey() {
        given().contentType(ContentType.JSON).body(Map.of("sql", "SELECT 1"))
                .when().post("/v1/query/stream").then()
                .statusCode(401)
                .contentType("application/problem+json");
    }
}
