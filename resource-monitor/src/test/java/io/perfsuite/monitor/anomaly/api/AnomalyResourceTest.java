package io.perfsuite.monitor.anomaly.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.perfsuite.monitor.anomaly.detection.Sensitivity;
import io.perfsuite.monitor.anomaly.detection.SyntheticSeries;
import io.perfsuite.testsupport.PrometheusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(PrometheusTestResource.class)
class AnomalyResourceTest {

    private static List<Map<String, Object>> points(double[] values) {
        List<Map<String, Object>> out = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("timestamp", SyntheticSeries.at(i).toString());
            p.put("value", values[i]);
            out.add(p);
        }
        return out;
    }

    private static JsonPath detect(double[] values, Double sensitivity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("series", points(values));
        body.put("sensitivity", sensitivity);
        return given().contentType(ContentType.JSON).body(body).post("/v1/anomalies/detect").then()
                .statusCode(200).extract().jsonPath();
    }

    private static List<Integer> flagged(JsonPath answer) {
        List<Boolean> anomalies = answer.getList("points.anomaly", Boolean.class);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < anomalies.size(); i++) {
            if (anomalies.get(i)) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void shouldFlagAnObviousSpike() {
        JsonPath answer = detect(SyntheticSeries.withSpike(SyntheticSeries.daily(2000, 7), 1500, 80), 0.5);

        assertThat(flagged(answer)).contains(1500);
        assertThat(answer.getDouble("threshold")).isEqualTo(Sensitivity.TUNED_THRESHOLD);
        assertThat(answer.getString("points[1500].timestamp")).isEqualTo(SyntheticSeries.at(1500).toString());
    }

    @Test
    void shouldNotFlagAFlatSeries() {
        JsonPath answer = detect(SyntheticSeries.flat(2000, 3.5), null);

        assertThat(flagged(answer)).isEmpty();
        assertThat(answer.getDouble("sensitivity")).isEqualTo(0.5);
    }

    @Test
    void shouldScoreAPrefixAsTheStartOfTheWholeSeries() {
        double[] values = SyntheticSeries.withSpike(SyntheticSeries.daily(1500, 2), 1000, 50);

        List<Float> whole = detect(values, 0.5).getList("points.score", Float.class);
        List<Float> prefix = detect(Arrays.copyOf(values, 1100), 0.5).getList("points.score", Float.class);

        assertThat(prefix).containsExactlyElementsOf(whole.subList(0, 1100));
    }

    @Test
    void shouldAnswerACorpusSizedSeries() {
        JsonPath answer = detect(SyntheticSeries.daily(22_000, 13), 0.5);

        assertThat(answer.getList("points")).hasSize(22_000);
    }

    @Test
    void shouldAcceptEpochSecondTimestamps() {
        String body = "{\"series\":[{\"timestamp\":1767225600,\"value\":1},{\"timestamp\":1767225900,\"value\":2}]}";

        given().contentType(ContentType.JSON).body(body).post("/v1/anomalies/detect").then()
                .statusCode(200).body("points[1].timestamp", equalTo("2026-01-01T00:05:00Z"))
                .body("points[1].anomaly", equalTo(false));
    }

    @Test
    void shouldRefuseAMissingSeries() {
        given().contentType(ContentType.JSON).body("{\"sensitivity\":0.5}").post("/v1/anomalies/detect").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("series")).body("errors.rule", hasItem("required"));
    }

    @Test
    void shouldRefuseTimestampsThatDoNotIncrease() {
        String body = "{\"series\":[{\"timestamp\":\"2026-01-01T00:05:00Z\",\"value\":1},"
                + "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":2}]}";

        given().contentType(ContentType.JSON).body(body).post("/v1/anomalies/detect").then()
                .statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("series[1].timestamp")).body("rule", equalTo("increasing"));
    }

    @Test
    void shouldRefuseANotANumberValue() {
        String body = "{\"series\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":\"NaN\"}]}";

        given().contentType(ContentType.JSON).body(body).post("/v1/anomalies/detect").then()
                .statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("series[0].value")).body("rule", equalTo("finite"));
    }

    @Test
    void shouldRefuseAMissingValue() {
        String body = "{\"series\":[{\"timestamp\":\"2026-01-01T00:00:00Z\"}]}";

        given().contentType(ContentType.JSON).body(body).post("/v1/anomalies/detect").then()
                .statusCode(400).body("field", equalTo("series[0].value")).body("rule", equalTo("required"));
    }

    @Test
    void shouldRefuseSensitivityOutsideZeroToOne() {
        String body = "{\"series\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":1}],\"sensitivity\":1.5}";

        given().contentType(ContentType.JSON).body(body).post("/v1/anomalies/detect").then()
                .statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("sensitivity")).body("rule", equalTo("range"));
    }

    @Test
    void shouldRefuseAnUnknownDetector() {
        String body = "{\"series\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":1}],\"detector\":\"magic\"}";

        given().contentType(ContentType.JSON).body(body).post("/v1/anomalies/detect").then()
                .statusCode(400).body("field", equalTo("detector")).body("rule", equalTo("oneOf"));
    }

    @Test
    void shouldRefuseMorePointsThanTheConfiguredCap() {
        // %test caps a request at 25,000 points
        Map<String, Object> body = Map.of("series", points(SyntheticSeries.flat(25_001, 1.0)));

        given().contentType(ContentType.JSON).body(body).post("/v1/anomalies/detect").then()
                .statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("series")).body("rule", equalTo("maxPoints"));
    }

    @Test
    void shouldRefuseMalformedJsonWithAProblemBody() {
        given().contentType(ContentType.JSON).body("{\"series\":[{\"timestamp\":\"yesterday\",\"value\":1}]}")
                .post("/v1/anomalies/detect").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(1));
    }

    @Test
    void shouldScoreWithTheSeasonalBaselineWhenAsked() {
        double[] values = SyntheticSeries.withSpike(SyntheticSeries.daily(2000, 5), 1800, 60);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("series", points(values));
        body.put("detector", "seasonal");

        JsonPath answer = given().contentType(ContentType.JSON).body(body).post("/v1/anomalies/detect").then()
                .statusCode(200).body("detector", equalTo("seasonal")).extract().jsonPath();

        assertThat(flagged(answer)).contains(1800);
    }
}
