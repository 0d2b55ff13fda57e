import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.perfsuite.monitor.anomaly.detection.AnomalyDetector;
import io.perfsuite.monitor.anomaly.detection.ContextNoveltyDetector;
import io.perfsuite.monitor.anomaly.detection.DetectorSettings;
import io.perfsuite.monitor.anomaly.detection.SeasonalBaselineDetector;

/**
 * NAB scorer and benchmark for resource-monitor's detectors, run against the module's compiled classes:
 *
 * <pre>
 *   java -cp resource-monitor/target/classes bench/resource-monitor/NabBench.java NAB_DIR [--grid]
 * </pre>
 *
 * The scoring follows Numenta's NAB code (github.com/numenta/NAB, nab/sweeper.py, nab/optimizer.py,
 * nab/runner.py normalize()), written here from its rules:
 * <ul>
 * <li>probation: the first min(floor(0.15 n), 0.15 x 5000 = 750) rows of a file are not scored;</li>
 * <li>a row inside a label window at position p = -(right - i + 1) / width scores tpWeight x sigma(p) / sigma(-1),
 * with the scaled sigmoid sigma(y) = 2 / (1 + e^(5y)) - 1; a window's score is its best (that is, earliest)
 * detected row, or -fnWeight when none is detected;</li>
 * <li>a detected row outside windows costs fpWeight x sigma(distance past the preceding window's right edge / (that
 * window's width - 1)), or fpWeight x -1 with no preceding window (and from 3 widths on);</li>
 * <li>a row is detected when its score is at or above the threshold; the threshold is the one maximising the summed score over all scored files, per
 * profile (taken in the middle of the range of thresholds that score the same, which changes no score on the files it
 * is chosen on);</li>
 * <li>normalised score = 100 (S - S_null) / (S_perfect - S_null), S_perfect = tpWeight x number of windows, S_null
 * the null detector's (constant 0.5) score through the same sweep.</li>
 * </ul>
 */
public class NabBench {

    static final double PROBATION = 0.15;
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    record Profile(String name, double tp, double fp, double fn) {
    }

    static final List<Profile> PROFILES = List.of(new Profile("standard", 1.0, 0.11, 1.0),
            new Profile("reward_low_FP_rate", 1.0, 0.22, 1.0), new Profile("reward_low_FN_rate", 1.0, 0.11, 2.0));

    record Series(String category, String name, long[] epochSeconds, double[] values, int[][] windows) {
        int length() {
            return values.length;
        }
    }

    /** One scored row: its rounded score and, per profile, its sweep score; window is -1 outside windows. */
    record Row(double score, int window, double[] sweep) {
    }

    // ------------------------------------------------------------------ corpus

    static List<Series> load(Path nab) throws IOException {
        String json = Files.readString(nab.resolve("labels/combined_windows.json"));
        Map<String, List<String[]>> windows = parseWindows(json);
        List<Series> out = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : new TreeMap<>(windows).entrySet()) {
            Path csv = nab.resolve("data").resolve(e.getKey());
            if (!Files.exists(csv)) {
                continue;
            }
            List<String> lines = Files.readAllLines(csv);
            int n = lines.size() - 1;
            long[] ts = new long[n];
            double[] vs = new double[n];
            Map<Long, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < n; i++) {
                String[] parts = lines.get(i + 1).split(",");
                ts[i] = LocalDateTime.parse(parts[0].trim(), TS).toEpochSecond(ZoneOffset.UTC);
                vs[i] = Double.parseDouble(parts[1].trim());
                index.put(ts[i], i);
            }
            int[][] ws = new int[e.getValue().size()][];
            for (int w = 0; w < ws.length; w++) {
                String[] lim = e.getValue().get(w);
                Integer left = index.get(LocalDateTime.parse(lim[0], TS).toEpochSecond(ZoneOffset.UTC));
                Integer right = index.get(LocalDateTime.parse(lim[1], TS).toEpochSecond(ZoneOffset.UTC));
                if (left == null || right == null) {
                    throw new IllegalStateException("window " + Arrays.toString(lim) + " not on a row of " + e.getKey());
                }
                ws[w] = new int[] {left, right};
            }
            String[] path = e.getKey().split("/");
            out.add(new Series(path[0], path[1], ts, vs, ws));
        }
        return out;
    }

    static Map<String, List<String[]>> parseWindows(String json) {
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        Matcher file = Pattern.compile("\"([^\"]+\\.csv)\"\\s*:\\s*\\[((?:\\s*\\[[^\\]]*\\]\\s*,?)*)\\s*\\]").matcher(json);
        Pattern pair = Pattern.compile("\\[\\s*\"([^\"]+)\"\\s*,\\s*\"([^\"]+)\"\\s*\\]");
        while (file.find()) {
            List<String[]> ws = new ArrayList<>();
            Matcher m = pair.matcher(file.group(2));
            while (m.find()) {
                ws.add(new String[] {m.group(1), m.group(2)});
            }
            out.put(file.group(1), ws);
        }
        return out;
    }

    // ------------------------------------------------------------------ scoring

    static double sigma(double y) {
        return y >= 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
    }

    static int probation(int n) {
        return (int) Math.min(Math.floor(PROBATION * n), PROBATION * 5000);
    }

    /** Rows of one file that are scored, with window ids offset by {@code windowBase}. */
    static List<Row> rows(Series s, double[] scores, int windowBase) {
        double maxTp = sigma(-1.0);
        int prob = probation(s.length());
        List<Row> out = new ArrayList<>(s.length());
        int w = 0;
        int cur = -1;
        int prevRight = -1;
        double prevWidth = 0;
        for (int i = 0; i < s.length(); i++) {
            if (cur < 0 && w < s.windows().length && i == s.windows()[w][0]) {
                cur = w++;
            }
            double[] sweep = new double[PROFILES.size()];
            if (cur >= 0) {
                int right = s.windows()[cur][1];
                double width = right - s.windows()[cur][0] + 1;
                double pos = -(right - i + 1) / width;
                for (int p = 0; p < sweep.length; p++) {
                    sweep[p] = sigma(pos) * PROFILES.get(p).tp() / maxTp;
                }
            } else {
                double past = prevRight < 0 ? 3.0 : Math.abs(prevRight - i) / (prevWidth - 1);
                for (int p = 0; p < sweep.length; p++) {
                    sweep[p] = sigma(past) * PROFILES.get(p).fp();
                }
            }
            if (i >= prob) {
                out.add(new Row(scores[i], cur < 0 ? -1 : windowBase + cur, sweep));
            }
            if (cur >= 0 && i == s.windows()[cur][1]) {
                prevRight = i;
                prevWidth = s.windows()[cur][1] - s.windows()[cur][0] + 1;
                cur = -1;
            }
        }
        return out;
    }

    /** Summed score at each distinct threshold, highest first: {threshold, score, fpCount, detectedWindows}. */
    static List<double[]> sweep(List<Row> rows, int profile, int windowCount) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingDouble(Row::score).reversed());
        double fn = PROFILES.get(profile).fn();
        double[] best = new double[windowCount];
        boolean[] scorable = new boolean[windowCount];
        for (Row r : sorted) {
            if (r.window() >= 0) {
                scorable[r.window()] = true;
            }
        }
        double windowsPart = 0;
        for (int w = 0; w < windowCount; w++) {
            best[w] = -fn;
            if (scorable[w]) {
                windowsPart -= fn;
            }
        }
        double fpPart = 0;
        int fps = 0;
        int detected = 0;
        List<double[]> out = new ArrayList<>();
        double threshold = 1.1;
        for (Row r : sorted) {
            if (r.score() != threshold) {
                out.add(new double[] {threshold, windowsPart + fpPart, fps, detected});
                threshold = r.score();
            }
            if (r.window() < 0) {
                fpPart += r.sweep()[profile];
                fps++;
            } else if (r.sweep()[profile] > best[r.window()]) {
                if (best[r.window()] == -fn) {
                    detected++;
                }
                windowsPart += r.sweep()[profile] - best[r.window()];
                best[r.window()] = r.sweep()[profile];
            }
        }
        out.add(new double[] {threshold, windowsPart + fpPart, fps, detected});
        return out;
    }

    /** A detector's scores on a set of files, ready to sweep. */
    static final class Scored {
        final List<Row> rows = new ArrayList<>();
        int windows;

        Scored(List<Series> files, Map<String, double[]> scores) {
            for (Series s : files) {
                rows.addAll(NabBench.rows(s, scores.get(s.name()), windows));
                windows += s.windows().length;
            }
        }

        /**
         * The best threshold's entry, its threshold moved to the middle of its plateau: every threshold down to the
         * next lower score scores the same here, and the top of the plateau (NAB's optimiser stops anywhere on it)
         * sits on the weakest row counted, with no margin for files the threshold was not chosen on.
         */
        double[] best(int profile) {
            List<double[]> all = sweep(rows, profile, windows);
            int at = 0;
            for (int i = 1; i < all.size(); i++) {
                if (all.get(i)[1] > all.get(at)[1]) {
                    at = i;
                }
            }
            double[] chosen = all.get(at).clone();
            if (at + 1 < all.size()) {
                double mid = (chosen[0] + all.get(at + 1)[0]) / 2;
                if (mid > all.get(at + 1)[0]) { // adjacent doubles: the midpoint would leave the plateau
                    chosen[0] = mid;
                }
            }
            return chosen;
        }

        double[] at(int profile, double threshold) {
            List<double[]> all = sweep(rows, profile, windows);
            double[] match = all.get(0);
            for (double[] t : all) {
                if (t[0] < threshold) {
                    break;
                }
                match = t;
            }
            return match;
        }
    }

    static double nullScore(List<Series> files, Map<String, double[]> nullScores, int profile) {
        return new Scored(files, nullScores).best(profile)[1];
    }

    static double normalise(double raw, double nullRaw, int windows, int profile) {
        double perfect = windows * PROFILES.get(profile).tp();
        return perfect == nullRaw ? Double.NaN : 100.0 * (raw - nullRaw) / (perfect - nullRaw);
    }

    // ------------------------------------------------------------------ detectors

    static Map<String, double[]> run(List<Series> files, Function<Series, AnomalyDetector> factory) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Series s : files) {
            AnomalyDetector d = factory.apply(s);
            double[] scores = new double[s.length()];
            for (int i = 0; i < s.length(); i++) {
                scores[i] = d.score(Instant.ofEpochSecond(s.epochSeconds()[i]), s.values()[i]);
            }
            out.put(s.name(), scores);
        }
        return out;
    }

    static Map<String, double[]> constant(List<Series> files, double value) {
        return files.stream().collect(Collectors.toMap(Series::name, s -> {
            double[] a = new double[s.length()];
            Arrays.fill(a, value);
            return a;
        }, (a, b) -> a, LinkedHashMap::new));
    }

    /** Ground truth: 1 on the first row of each window, 0 elsewhere. */
    static Map<String, double[]> perfect(List<Series> files) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Series s : files) {
            double[] a = new double[s.length()];
            for (int[] w : s.windows()) {
                a[Math.max(w[0], probation(s.length()))] = 1.0;
            }
            out.put(s.name(), a);
        }
        return out;
    }

    /** NAB's random detector: uniform scores, seed 42 per file. */
    static AnomalyDetector random(long seed) {
        Random r = new Random(seed);
        return (t, v) -> r.nextDouble();
    }

    /** NAB's windowed Gaussian as its published results were made: Phi(z) = 1 - Q(z) against the mean and population stdev of the previous 1000 values. */
    static AnomalyDetector windowedGaussian() {
        return new AnomalyDetector() {
            final double[] window = new double[1000];
            int n;
            int next;
            double mean;
            double std = 1;

            @Override
            public double score(Instant t, double v) {
                double s = 0.0;
                if (n > 0) {
                    double z = (v - mean) / std;
                    s = 1.0 - 0.5 * erfc(z / Math.sqrt(2));
                }
                window[next] = v;
                next = (next + 1) % window.length;
                n = Math.min(n + 1, window.length);
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += window[i];
                }
                mean = sum / n;
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    sq += (window[i] - mean) * (window[i] - mean);
                }
                std = Math.sqrt(sq / n);
                if (std == 0.0) {
                    std = 0.000001;
                }
                return s;
            }
        };
    }

    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                        + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }

    // ------------------------------------------------------------------ reporting

    static List<String> categories(List<Series> files) {
        return files.stream().map(Series::category).distinct().sorted().toList();
    }

    static List<Series> in(List<Series> files, String category, boolean keep) {
        return files.stream().filter(s -> s.category().equals(category) == keep).toList();
    }

    static int windows(List<Series> files) {
        return files.stream().mapToInt(s -> s.windows().length).sum();
    }

    /** Normalised score of a detector on {@code files} at each profile's threshold optimised on {@code tuneOn}. */
    static double[] scoreWithThresholds(List<Series> files, Map<String, double[]> scores, double[] thresholds,
            Map<String, double[]> nullScores) {
        Scored s = new Scored(files, scores);
        double[] out = new double[PROFILES.size() * 2];
        for (int p = 0; p < PROFILES.size(); p++) {
            double[] r = s.at(p, thresholds[p]);
            out[p] = windows(files) == 0 ? r[1] : normalise(r[1], nullScore(files, nullScores, p), s.windows, p);
            out[PROFILES.size() + p] = r[2];
        }
        return out;
    }

    static double[] thresholds(List<Series> files, Map<String, double[]> scores) {
        Scored s = new Scored(files, scores);
        double[] t = new double[PROFILES.size()];
        for (int p = 0; p < t.length; p++) {
            t[p] = s.best(p)[0];
        }
        return t;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.1f", v);
    }

    static void report(String name, List<Series> files, Map<String, double[]> scores, Map<String, double[]> nulls,
            List<String> results) {
        double[] t = thresholds(files, scores);
        double[] all = scoreWithThresholds(files, scores, t, nulls);
        StringBuilder line = new StringBuilder(String.format("%-28s", name));
        for (int p = 0; p < PROFILES.size(); p++) {
            line.append(String.format(" %9s", fmt(all[p])));
        }
        line.append(String.format("  (thresholds %.3f %.3f %.3f)", t[0], t[1], t[2]));
        System.out.println(line);
        String key = name.toLowerCase().replaceAll("[^a-z0-9]+", "_");
        for (int p = 0; p < PROFILES.size(); p++) {
            results.add(String.format("RESULT nab_%s_%s %.2f score", key, PROFILES.get(p).name().toLowerCase(), all[p]));
        }
        for (String c : categories(files)) {
            List<Series> cat = in(files, c, true);
            double[] r = scoreWithThresholds(cat, scores, t, nulls);
            StringBuilder l = new StringBuilder(String.format("  %-26s", c));
            for (int p = 0; p < PROFILES.size(); p++) {
                l.append(String.format(" %9s", windows(cat) == 0 ? String.format("%.0f fp", r[PROFILES.size() + p])
                        : fmt(r[p])));
            }
            System.out.println(l);
        }
    }

    // ------------------------------------------------------------------ tuning

    /**
     * The settings chosen among by leaving one category out: the context scales, the quiet period and, since the spread
     * blend and the calm count came in, both of those too, so that no parameter is fixed outside the held-out choice.
     */
    static List<DetectorSettings> grid() {
        List<DetectorSettings> out = new ArrayList<>();
        DetectorSettings d = DetectorSettings.defaults();
        for (double blend : BLENDS) {
            for (int calm : CALMS) {
                for (int bins : new int[] {10, 20}) {
                    for (int recent : new int[] {3, 6}) {
                        for (int suppress : new int[] {100, 300}) {
                            for (int history : new int[] {1000, 3000}) {
                                for (double extreme : new double[] {0.1, 0.2, 0.4}) {
                                    out.add(new DetectorSettings(d.learningPoints(), bins, history, recent,
                                            d.suppressAbove(), suppress, extreme, d.slotSeconds(), d.maxContexts(),
                                            blend, calm));
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    static final double[] BLENDS = doubles(System.getProperty("blends", "0.25,0.5,0.75,1.0"));
    static final int[] CALMS = Arrays.stream(System.getProperty("calms", "30,60,90").split(","))
            .mapToInt(Integer::parseInt).toArray();

    static double[] doubles(String list) {
        return Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    static String describe(DetectorSettings g) {
        return String.format("bins %d, recent %d, quiet %d, history %d, extreme %.1f, blend %.2f, calm %d", g.bins(),
                g.recentPoints(), g.suppressPoints(), g.historyPoints(), g.extremeScale(), g.spreadBlend(),
                g.calmPoints());
    }

    static double standardOn(List<Series> files, Map<String, double[]> scores, Map<String, double[]> nulls) {
        Scored s = new Scored(files, scores);
        double raw = s.best(0)[1];
        return windows(files) == 0 ? raw : normalise(raw, nullScore(files, nulls, 0), s.windows, 0);
    }

    public static void main(String[] args) throws IOException {
        Path nab = Path.of(args.length > 0 ? args[0] : "../shared/data/nab");
        boolean tune = Arrays.asList(args).contains("--grid");
        List<Series> files = load(nab);
        List<String> results = new ArrayList<>();
        System.out.printf("NAB corpus: %d files, %d rows, %d windows, categories %s%n", files.size(),
                files.stream().mapToInt(Series::length).sum(), windows(files), categories(files));
        Map<String, double[]> nulls = constant(files, 0.5);

        System.out.printf("%n%-28s %9s %9s %9s%n", "detector", "standard", "low_FP", "low_FN");
        report("null", files, nulls, nulls, results);
        report("perfect", files, perfect(files), nulls, results);
        double[] randomSum = new double[PROFILES.size()];
        int seeds = 10;
        for (int seed = 0; seed < seeds; seed++) {
            long base = 42 + seed;
            Map<String, double[]> r = run(files, s -> random(base));
            double[] sc = scoreWithThresholds(files, r, thresholds(files, r), nulls);
            for (int p = 0; p < PROFILES.size(); p++) {
                randomSum[p] += sc[p] / seeds;
            }
            if (seed == 0) {
                report("random (seed 42)", files, r, nulls, results);
            }
        }
        System.out.printf("%-28s %9s %9s %9s%n", "random (mean of 10 seeds)", fmt(randomSum[0]), fmt(randomSum[1]),
                fmt(randomSum[2]));
        report("windowed Gaussian", files, run(files, s -> windowedGaussian()), nulls, results);
        report("seasonal baseline", files,
                run(files, s -> new SeasonalBaselineDetector(DetectorSettings.defaults())), nulls, results);

        long start = System.nanoTime();
        Map<String, double[]> ours = run(files, s -> new ContextNoveltyDetector(DetectorSettings.defaults()));
        double secs = (System.nanoTime() - start) / 1e9;
        report("context novelty (defaults)", files, ours, nulls, results);

        // throughput: one long series, the detector warmed up first
        int rows = files.stream().mapToInt(Series::length).sum();
        for (int i = 0; i < 3; i++) {
            run(files, s -> new ContextNoveltyDetector(DetectorSettings.defaults()));
        }
        start = System.nanoTime();
        run(files, s -> new ContextNoveltyDetector(DetectorSettings.defaults()));
        double warm = (System.nanoTime() - start) / 1e9;
        System.out.printf("%nthroughput: %d points in %.3f s warm (%.0f points/s; first cold pass %.3f s)%n", rows,
                warm, rows / warm, secs);
        results.add(String.format("RESULT detect_throughput %.0f points/s", rows / warm));

        if (Arrays.asList(args).contains("--per-file")) {
            perFile("windowed Gaussian", files, run(files, s -> windowedGaussian()), 1.0);
            perFile("context novelty", files, ours, thresholds(files, ours)[0]);
        }
        if (tune) {
            tuneLeavingOneOut(files, nulls, results, Arrays.asList(args).contains("--explain"));
        }
        System.out.println();
        results.forEach(System.out::println);
    }

    /** Standard-profile score of each file at one threshold, the form of NAB's results/<detector>_standard_scores.csv. */
    static void perFile(String name, List<Series> files, Map<String, double[]> scores, double threshold) {
        System.out.printf("%n%s, standard profile, threshold %.3f: file score tp fp fn%n", name, threshold);
        for (Series s : files) {
            List<Row> rows = rows(s, scores.get(s.name()), 0);
            List<double[]> sw = sweep(rows, 0, s.windows().length);
            double[] match = sw.get(0);
            for (double[] t : sw) {
                if (t[0] < threshold) {
                    break;
                }
                match = t;
            }
            long tp = rows.stream().filter(r -> r.window() >= 0 && r.score() >= threshold).count();
            System.out.printf("  %-50s %10.6f %4d %4.0f %d%n", s.category() + "/" + s.name(), match[1], tp, match[2],
                    s.windows().length - (int) match[3]);
        }
    }

    static void tuneLeavingOneOut(List<Series> files, Map<String, double[]> nulls, List<String> results,
            boolean explain) {
        List<DetectorSettings> grid = grid();
        List<Map<String, double[]>> runs = new ArrayList<>();
        for (DetectorSettings g : grid) {
            runs.add(run(files, s -> new ContextNoveltyDetector(g)));
        }
        System.out.printf("%nleave one category out (%d settings; tuned on the others, scored on the one left out)%n",
                grid.size());
        int bestAll = 0;
        double bestAllScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < grid.size(); i++) {
            double sc = standardOn(files, runs.get(i), nulls);
            if (sc > bestAllScore) {
                bestAllScore = sc;
                bestAll = i;
            }
        }
        double[] allT = thresholds(files, runs.get(bestAll));
        double[] allScores = scoreWithThresholds(files, runs.get(bestAll), allT, nulls);
        System.out.printf("  best on all: %.1f (low_FP %.1f, low_FN %.1f at its own thresholds %.5f %.5f %.5f) with %s%n",
                bestAllScore, allScores[1], allScores[2], allT[0], allT[1], allT[2], describe(grid.get(bestAll)));
        Scored chosen = new Scored(files, runs.get(bestAll));
        List<double[]> plateau = sweep(chosen.rows, 0, chosen.windows);
        int top = 0;
        for (int i = 1; i < plateau.size(); i++) {
            top = plateau.get(i)[1] > plateau.get(top)[1] ? i : top;
        }
        System.out.printf("  its standard threshold plateau: above %.5f, up to %.5f%n",
                top + 1 < plateau.size() ? plateau.get(top + 1)[0] : 0.0, plateau.get(top)[0]);
        System.out.printf("  defaults %s the full-corpus choice%n",
                grid.get(bestAll).equals(DetectorSettings.defaults()) ? "are" : "are NOT");
        if (Boolean.getBoolean("matrix")) {
            for (int i = 0; i < grid.size(); i++) {
                StringBuilder l = new StringBuilder(String.format("  %5.1f", standardOn(files, runs.get(i), nulls)));
                for (String c : categories(files)) {
                    l.append(String.format(" %7.2f", standardOn(in(files, c, true), runs.get(i), nulls)));
                }
                System.out.println(l + "  " + describe(grid.get(i)));
            }
        }
        for (String c : categories(files)) {
            List<Series> train = in(files, c, false);
            List<Series> test = in(files, c, true);
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < grid.size(); i++) {
                double sc = standardOn(train, runs.get(i), nulls);
                if (sc > bestScore) {
                    bestScore = sc;
                    best = i;
                }
            }
            double[] t = thresholds(train, runs.get(best));
            double[] left = scoreWithThresholds(test, runs.get(best), t, nulls);
            String shown = windows(test) == 0 ? String.format("%.2f raw (%.0f fp)", left[0], left[3])
                    : String.format("%.1f (low_FP %.1f, low_FN %.1f)", left[0], left[1], left[2]);
            System.out.printf("  left out %-24s train %.1f  left-out standard %s (threshold %.3f; its own best %.3f)  with %s%n",
                    c, bestScore, shown, t[0], thresholds(test, runs.get(best))[0], describe(grid.get(best)));
            String key = c.toLowerCase().replaceAll("[^a-z0-9]+", "_");
            results.add(String.format("RESULT nab_loco_%s_standard %.2f %s", key, left[0],
                    windows(test) == 0 ? "raw" : "score"));
            if (windows(test) > 0) {
                selectionSpread(train, test, grid, runs, nulls);
                if (explain) {
                    explain(test, runs.get(best), t[0]);
                }
            }
        }
    }

    /**
     * Where a left-out category's points go at the setting and threshold chosen without it: per window its loudest
     * scored row and the first row at the threshold (or MISS), per file the false-positive rows with their score and
     * place in the file.
     */
    static void explain(List<Series> test, Map<String, double[]> scores, double threshold) {
        for (Series s : test) {
            double[] x = scores.get(s.name());
            int prob = probation(s.length());
            StringBuilder line = new StringBuilder(
                    String.format("    %s (%d rows, probation %d):", s.name(), s.length(), prob));
            boolean[] inWindow = new boolean[s.length()];
            for (int[] w : s.windows()) {
                int loudest = -1;
                int first = -1;
                for (int i = Math.max(w[0], prob); i <= w[1]; i++) {
                    inWindow[i] = true;
                    loudest = loudest < 0 || x[i] > x[loudest] ? i : loudest;
                    first = first < 0 && x[i] >= threshold ? i : first;
                }
                line.append(String.format(" window %d-%d loudest %.3f, %s;", w[0], w[1], loudest < 0 ? 0 : x[loudest],
                        first < 0 ? "MISS" : "detected at " + first));
            }
            line.append(" false positives:");
            for (int i = prob; i < s.length(); i++) {
                if (!inWindow[i] && x[i] >= threshold) {
                    line.append(String.format(" %d (%.2f, %.0f %%)", i, x[i], 100.0 * i / s.length()));
                }
            }
            System.out.println(line);
        }
    }

    /**
     * How much the choice among the grid's settings is worth: every setting's score on the training categories and,
     * at the thresholds it chose there, on the one left out. When the training scores are closer together than one
     * window is worth, the choice is made by a window or two and says little about the left-out category.
     */
    static void selectionSpread(List<Series> train, List<Series> test, List<DetectorSettings> grid,
            List<Map<String, double[]>> runs, Map<String, double[]> nulls) {
        double[] trained = new double[grid.size()];
        double[] left = new double[grid.size()];
        for (int i = 0; i < grid.size(); i++) {
            trained[i] = standardOn(train, runs.get(i), nulls);
            left[i] = scoreWithThresholds(test, runs.get(i), thresholds(train, runs.get(i)), nulls)[0];
        }
        // a window caught at its start instead of missed moves the raw score by tp + fn = 2
        double window = 200.0 / (windows(train) - nullScore(train, nulls, 0));
        double[] sortedLeft = left.clone();
        Arrays.sort(sortedLeft);
        double[] sortedTrained = trained.clone();
        Arrays.sort(sortedTrained);
        System.out.printf("    %d settings: trained %.1f..%.1f (one training window is worth up to %.1f); left out at"
                + " their thresholds %.1f..%.1f, median %.1f; defaults %s%n", grid.size(), sortedTrained[0],
                sortedTrained[grid.size() - 1], window, sortedLeft[0], sortedLeft[grid.size() - 1],
                sortedLeft[grid.size() / 2], fmt(defaultsIn(grid, left)));
    }

    /** The defaults' entry of a per-setting array, or NaN (printed n/a) when a narrowed grid does not hold them. */
    static double defaultsIn(List<DetectorSettings> grid, double[] values) {
        int at = grid.indexOf(DetectorSettings.defaults());
        return at < 0 ? Double.NaN : values[at];
    }
}
