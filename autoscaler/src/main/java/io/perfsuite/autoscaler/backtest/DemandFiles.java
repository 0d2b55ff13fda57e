package io.perfsuite.autoscaler.backtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import io.perfsuite.autoscaler.backtest.simulation.DemandPoint;

/** Reads demand series for the command-line backtest: CSV {@code ts,value} or a plain list of numbers. */
final class DemandFiles {

    private DemandFiles() {
    }

    /** {@code ts,value} lines (unix seconds), a header line allowed. */
    static List<DemandPoint> csv(Path file) throws IOException {
        List<DemandPoint> points = new ArrayList<>();
        try (BufferedReader reader = reader(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] parts = line.split(",");
                if (parts.length < 2 || !Character.isDigit(parts[0].trim().charAt(0))) {
                    continue;
                }
                long ts = (long) Double.parseDouble(parts[0].trim());
                double value = Double.parseDouble(parts[1].trim());
                if (!Double.isNaN(value)) {
                    points.add(new DemandPoint(Instant.ofEpochSecond(ts), Math.max(0, value)));
                }
            }
        }
        return points;
    }

    /** Whitespace-separated numbers, one every {@code stepSeconds} from {@code start}. */
    static List<DemandPoint> values(Path file, long stepSeconds, Instant start) throws IOException {
        List<DemandPoint> points = new ArrayList<>();
        try (BufferedReader reader = reader(file)) {
            StringBuilder token = new StringBuilder();
            int c;
            long i = 0;
            while ((c = reader.read()) != -1) {
                if (Character.isWhitespace(c)) {
                    if (!token.isEmpty()) {
                        points.add(new DemandPoint(start.plusSeconds(i++ * stepSeconds),
                                Math.max(0, Double.parseDouble(token.toString()))));
                        token.setLength(0);
                    }
                } else {
                    token.append((char) c);
                }
            }
            if (!token.isEmpty()) {
                points.add(new DemandPoint(start.plusSeconds(i * stepSeconds), Double.parseDouble(token.toString())));
            }
        }
        return points;
    }

    /** Averages into buckets of {@code seconds}, to make long per-second series quick to replay. */
    static List<DemandPoint> resample(List<DemandPoint> points, long seconds) {
        if (seconds <= 0 || points.isEmpty()) {
            return points;
        }
        List<DemandPoint> out = new ArrayList<>();
        long bucket = Long.MIN_VALUE;
        double sum = 0;
        int n = 0;
        for (DemandPoint p : points) {
            long b = Math.floorDiv(p.time().getEpochSecond(), seconds);
            if (b != bucket && n > 0) {
                out.add(new DemandPoint(Instant.ofEpochSecond(bucket * seconds), sum / n));
                sum = 0;
                n = 0;
            }
            bucket = b;
            sum += p.value();
            n++;
        }
        out.add(new DemandPoint(Instant.ofEpochSecond(bucket * seconds), sum / n));
        return out;
    }

    private static BufferedReader reader(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
