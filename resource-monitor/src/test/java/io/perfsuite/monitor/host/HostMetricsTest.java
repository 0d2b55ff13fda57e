package io.perfsuite.monitor.host;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HostMetricsTest {

    private static final Pattern CPU_ZERO = Pattern
            .compile("(?m)^host_cpu_seconds_total\\{cpu=\"0\",mode=\"[a-z]+\"} ([0-9.eE+-]+)$");

    @Test
    void shouldExportHostMetricsWithConventionalNamesAndUnits() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("host_cpu_seconds_total{cpu=\"0\",mode=\"idle\"}", "host_cpu_usage_ratio ",
                "host_cpu_core_usage_ratio{cpu=\"0\"}", "host_memory_total_bytes ", "host_memory_available_bytes ",
                "host_swap_total_bytes ", "host_load1 ", "host_threads ", "host_file_descriptors_open ",
                "host_network_received_bytes_total{interface=", "host_filesystem_size_bytes{", "host_disk_read_bytes_total{",
                "process_resident_memory_bytes ", "host_collection_duration_seconds ");
        assertThat(value(metrics, "host_memory_total_bytes")).isGreaterThan(value(metrics, "host_memory_available_bytes"))
                .isGreaterThan(0);
    }

    @Test
    void shouldAdvanceCpuCountersBetweenSamples() {
        // all modes together advance with wall time; one mode alone may stand still on a saturated machine
        double before = cpuZeroSeconds(given().get("/q/metrics").asString());

        await().atMost(Duration.ofSeconds(10)).until(() -> cpuZeroSeconds(given().get("/q/metrics").asString()) > before);
    }

    private static double cpuZeroSeconds(String metrics) {
        Matcher m = CPU_ZERO.matcher(metrics);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        assertThat(sum).as("cpu 0 series in /q/metrics").isPositive();
        return sum;
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(metrics);
        assertThat(m.find()).as("series %s in /q/metrics", series).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
