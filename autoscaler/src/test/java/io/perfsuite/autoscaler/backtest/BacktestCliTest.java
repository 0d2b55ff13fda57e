package io.perfsuite.autoscaler.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line backtest as operators run it (bench/autoscaler/backtest.sh): its own JVM on the compiled classes
 * alone, a CSV in, both sides' summaries out and an SVG chart of demand and ready capacity.
 */
class BacktestCliTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", Path.of("target", "classes").toString(), BacktestCli.class.getName()));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).start();
        // the outputs are small; read both to the end, then the exit status
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), out, err);
    }

    /** key=value pairs of the line starting with {@code prefix}. */
    private static Map<String, String> line(String out, String prefix) {
        String found = out.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + out));
        Map<String, String> values = new HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(\\S+)").matcher(found);
        while (m.find()) {
            values.put(m.group(1), m.group(2));
        }
        return values;
    }

    /** Six hours, one point a minute: a quiet 100, then an hour at 400 from the third hour. */
    private Path stepTrace() throws IOException {
        StringBuilder csv = new StringBuilder("ts,value\n");
        long start = 1_700_000_000L;
        for (int minute = 0; minute < 360; minute++) {
            csv.append(start + minute * 60L).append(',').append(minute >= 120 && minute < 180 ? 400 : 100)
                    .append('\n');
        }
        Path file = dir.resolve("step.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void shouldPrintBothSidesSummariesAndDrawTheChart() throws Exception {
        Path svg = dir.resolve("chart.svg");

        Run run = cli("--csv", stepTrace().toString(), "--capacity", "50", "--startup", "60", "--interval", "15",
                "--svg", svg.toString(), "--name", "step");

        assertThat(run.exit()).as(run.err()).isZero();
        Map<String, String> policy = line(run.out(), "step policy ");
        Map<String, String> reference = line(run.out(), "step reference ");
        // the jump outruns pod start-up on both sides; the default policy is the reference HPA
        assertThat(Double.parseDouble(policy.get("under_minutes"))).isPositive();
        assertThat(Integer.parseInt(policy.get("scale_events"))).isGreaterThanOrEqualTo(2);
        assertThat(Integer.parseInt(policy.get("peak_replicas"))).isEqualTo(10);
        assertThat(policy.get("under_minutes")).isEqualTo(reference.get("under_minutes"));
        assertThat(policy.get("replica_hours")).isEqualTo(reference.get("replica_hours"));
        assertThat(line(run.out(), "step compare ")).containsEntry("replica_hours_ratio", "1.0000");

        String chart = Files.readString(svg);
        assertThat(chart).startsWith("<svg").contains("step: demand and ready capacity", "demand",
                "policy ready capacity", "reference HPA ready capacity");
        assertThat(Pattern.compile("<polyline").matcher(chart).results().count()).isEqualTo(3);
    }

    @Test
    void shouldExitWithUsageOnAMissingInput() throws Exception {
        Run run = cli("--capacity", "50");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--csv or --values is required", "usage: BacktestCli");
    }
}
