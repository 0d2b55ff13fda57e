package io.perfsuite.monitor.anomaly;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.perfsuite.monitor.anomaly.detection.SyntheticSeries;
import io.perfsuite.testsupport.PrometheusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PrometheusTestResource.class)
class AnomalyScoreGaugeTest {

    @Inject
    AnomalyScores scores;

    @Test
    void shouldExportTheScoreOfAWatchedSeriesAtQMetrics() {
        double[] values = SyntheticSeries.withSpike(SyntheticSeries.daily(1000, 4), 900, 80);
        for (int i = 0; i <= 900; i++) {
            scores.observe("gauge-test/web-1", Map.of("rule", "gauge-test"), SyntheticSeries.at(i), values[i]);
        }

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("perfsuite_anomaly_score{rule=\"gauge-test\",series=\"gauge-test/web-1\"}"));
        scores.forget("gauge-test/web-1");
        given().get("/q/metrics").then().statusCode(200)
                .body(not(containsString("series=\"gauge-test/web-1\"")));
    }
}
