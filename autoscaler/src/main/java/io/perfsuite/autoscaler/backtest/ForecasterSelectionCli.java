package io.perfsuite.autoscaler.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.perfsuite.autoscaler.backtest.simulation.Bill;
import io.perfsuite.autoscaler.backtest.simulation.DemandPoint;
import io.perfsuite.autoscaler.backtest.simulation.LeaveOneOut;
import io.perfsuite.autoscaler.backtest.simulation.LeaveOneOut.Fold;
import io.perfsuite.autoscaler.backtest.simulation.LeaveOneOut.GroupScore;
import io.perfsuite.autoscaler.backtest.simulation.ReferenceHpa;
import io.perfsuite.autoscaler.backtest.simulation.SimulationSettings;
import io.perfsuite.autoscaler.backtest.simulation.SimulationStep;
import io.perfsuite.autoscaler.backtest.simulation.Simulator;
import io.perfsuite.autoscaler.decision.ForecasterParameters;
import io.perfsuite.autoscaler.decision.MetricRule;
import io.perfsuite.autoscaler.decision.PolicyRules;
import io.perfsuite.autoscaler.decision.PredictionSettings;
import io.perfsuite.autoscaler.decision.TargetType;

/**
 * Chooses the forecaster's parameters by leaving one trace out, on the compiled classes alone:
 *
 * <pre>
 * java -cp autoscaler/target/classes io.perfsuite.autoscaler.backtest.ForecasterSelectionCli DIR [--threads 2]
 * </pre>
 *
 * DIR holds {@code crane-dsp/*.csv} (one fold each) and {@code twitter/rps.txt.gz} (per-second requests averaged into
 * 15 s points, split into two folds by time: the only request trace, so leaving it out whole would leave nothing of
 * its kind to fit on). Every trace is replayed whole for every configuration (the forecaster learns online from the
 * trace's own past, the first 48 h only warm up); a fold is billed over its own stretch. The setup is the bench's: one
 * replica serves p99/10, target 80 % of that, pods serve after 60 s, evaluations every 15 s, horizon 75 s.
 */
public final class ForecasterSelectionCli {

    static final Duration WARM_UP = Duration.ofHours(48);
    static final Duration STARTUP = Duration.ofSeconds(60);
    static final Duration INTERVAL = Duration.ofSeconds(15);

    private ForecasterSelectionCli() {
    }

    /** One configuration tried: the forecaster's tunables and the scale-down window while it predicts. */
    record Config(ForecasterParameters forecaster, Duration predictingScaleDownWindow) {

        String label() {
            return String.format(Locale.ROOT,
                    "K=%d alpha=%.2f q=%.2f select=%.2f window=%d threshold=%.2f burst=%.2f down=%ds",
                    forecaster.seasonsAveraged(), forecaster.levelSmoothing(), forecaster.marginQuantile(),
                    forecaster.selectionQuantile(), forecaster.errorWindowSteps(), forecaster.seasonalityThreshold(),
                    forecaster.burstThreshold(), predictingScaleDownWindow.toSeconds());
        }
    }

    record Trace(String name, String group, List<DemandPoint> demand, List<Instant> foldBoundaries) {
    }

    /**
     * The burst threshold (0: no burst forecasts), the rest at the defaults chosen before (margin quantile 0.7, 120 s
     * scale-down window while predicting); {@code PERFSUITE_BURST_GRID} (comma-separated) replaces the thresholds.
     */
    static List<Config> grid() {
        List<Config> grid = new ArrayList<>();
        String custom = System.getenv("PERFSUITE_BURST_GRID");
        double[] thresholds = custom == null
                ? new double[]{0, 0.15, 0.2, 0.3, 0.4}
                : Arrays.stream(custom.split(",")).mapToDouble(Double::parseDouble).toArray();
        for (double burst : thresholds) {
            grid.add(new Config(ForecasterParameters.DEFAULT.withMarginQuantile(0.7).withBurstThreshold(burst),
                    Duration.ofSeconds(120)));
        }
        return grid;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ForecasterSelectionCli DIR [--threads N]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int threads = args.length >= 3 && args[1].equals("--threads") ? Integer.parseInt(args[2]) : 2;
        List<Trace> traces = traces(dir);
        List<Config> grid = grid();
        List<Fold> folds = new ArrayList<>();
        for (Trace t : traces) {
            for (int i = 0; i + 1 < t.foldBoundaries().size(); i++) {
                folds.add(new Fold(t.foldBoundaries().size() > 2 ? t.name() + "/" + (i + 1) : t.name(), t.group()));
            }
        }
        Bill[] reference = new Bill[folds.size()];
        Bill[][] policy = new Bill[grid.size()][folds.size()];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Bill[]>> refs = new ArrayList<>();
            List<List<Future<Bill[]>>> runs = new ArrayList<>();
            for (Trace t : traces) {
                refs.add(pool.submit(() -> bills(t, null)));
                List<Future<Bill[]>> row = new ArrayList<>();
                for (Config c : grid) {
                    row.add(pool.submit(() -> bills(t, c)));
                }
                runs.add(row);
            }
            int f0 = 0;
            for (int t = 0; t < traces.size(); t++) {
                Bill[] ref = refs.get(t).get();
                for (int c = 0; c < grid.size(); c++) {
                    Bill[] ours = runs.get(t).get(c).get();
                    System.arraycopy(ours, 0, policy[c], f0, ours.length);
                }
                System.arraycopy(ref, 0, reference, f0, ref.length);
                System.err.printf(Locale.ROOT, "[selection] %s done%n", traces.get(t).name());
                f0 += ref.length;
            }
        } finally {
            pool.shutdownNow();
        }
        report(new LeaveOneOut(folds, reference, policy), grid);
    }

    static void report(LeaveOneOut loo, List<Config> grid) {
        List<Fold> folds = loo.folds();
        int inSample = loo.choose(f -> true);
        int[] chosen = loo.leaveEachOut();
        System.out.println("configurations tried: " + grid.size());
        System.out.println("chosen on all folds (in-sample): " + grid.get(inSample).label());
        System.out.printf(Locale.ROOT, "%n%-12s %-8s | %-20s | %-20s | %-20s | %s%n", "fold", "group", "reference HPA",
                "in-sample", "left out", "chosen without the fold");
        for (int f = 0; f < folds.size(); f++) {
            Bill ref = loo.reference(f);
            Bill in = loo.policy(inSample, f);
            Bill out = loo.policy(chosen[f], f);
            System.out.printf(Locale.ROOT, "%-12s %-8s | %8.1f %11.1f | %8.1f %11.1f | %8.1f %11.1f | %s%n",
                    folds.get(f).name(), folds.get(f).group(), ref.underMinutes(), ref.replicaHours(),
                    in.underMinutes(), in.replicaHours(), out.underMinutes(), out.replicaHours(),
                    grid.get(chosen[f]).label());
        }
        Bill[] inBills = new Bill[folds.size()];
        for (int f = 0; f < folds.size(); f++) {
            inBills[f] = loo.policy(inSample, f);
        }
        var groups = new LinkedHashSet<>(List.of(LeaveOneOut.DAILY, LeaveOneOut.REQUEST, LeaveOneOut.OTHER));
        List<GroupScore> in = loo.groups(inBills, groups);
        List<GroupScore> out = loo.groups(loo.leftOutBills(), groups);
        System.out.println();
        for (int g = 0; g < in.size(); g++) {
            GroupScore i = in.get(g);
            GroupScore o = out.get(g);
            System.out.printf(Locale.ROOT,
                    "%-8s HPA %7.1f min %8.1f h | in-sample %7.1f min (%5.1f %% fewer) x%.3f | left out %7.1f min "
                            + "(%5.1f %% fewer) x%.3f%n",
                    i.group(), i.reference().underMinutes(), i.reference().replicaHours(), i.policy().underMinutes(),
                    100 * i.reduction(), i.replicaHoursRatio(), o.policy().underMinutes(), 100 * o.reduction(),
                    o.replicaHoursRatio());
            System.out.printf(Locale.ROOT, "RESULT %s_left_out_under_provisioned_reduction %.1f %%%n", i.group(),
                    100 * o.reduction());
            System.out.printf(Locale.ROOT, "RESULT %s_left_out_replica_hours_ratio %.3f%n", i.group(),
                    o.replicaHoursRatio());
            System.out.printf(Locale.ROOT, "RESULT %s_in_sample_under_provisioned_reduction %.1f %%%n", i.group(),
                    100 * i.reduction());
            System.out.printf(Locale.ROOT, "RESULT %s_in_sample_replica_hours_ratio %.3f%n", i.group(),
                    i.replicaHoursRatio());
        }
    }

    static List<Trace> traces(Path dir) throws IOException {
        List<Trace> traces = new ArrayList<>();
        Path crane = dir.resolve("crane-dsp");
        if (Files.isDirectory(crane)) {
            try (Stream<Path> files = Files.list(crane)) {
                for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                    List<DemandPoint> demand = DemandFiles.csv(csv);
                    String group = BacktestCli.dailyAutocorrelation(demand, false) >= 0.5
                            ? LeaveOneOut.DAILY
                            : LeaveOneOut.OTHER;
                    Instant start = demand.get(0).time().plus(WARM_UP);
                    Instant end = demand.get(demand.size() - 1).time().plusSeconds(1);
                    traces.add(new Trace(csv.getFileName().toString().replace(".csv", ""), group, demand,
                            List.of(start, end)));
                }
            }
        }
        Path twitter = dir.resolve("twitter/rps.txt.gz");
        if (Files.isReadable(twitter)) {
            List<DemandPoint> demand = DemandFiles.resample(DemandFiles.values(twitter, 1, Instant.EPOCH), 15);
            Instant start = demand.get(0).time().plus(WARM_UP);
            Instant end = demand.get(demand.size() - 1).time().plusSeconds(1);
            Instant middle = start.plus(Duration.between(start, end).dividedBy(2));
            traces.add(new Trace("twitter", LeaveOneOut.REQUEST, demand, List.of(start, middle, end)));
        }
        return traces;
    }

    /** The trace replayed whole under a configuration ({@code null}: the reference HPA), billed per fold. */
    static Bill[] bills(Trace trace, Config config) {
        double capacity = BacktestCli.percentile(trace.demand(), 0.99) / 10;
        MetricRule metric = new MetricRule("demand", TargetType.AVERAGE_VALUE, capacity * 0.8);
        PolicyRules hpa = PolicyRules.hpa(1, 1000, List.of(metric));
        PolicyRules rules = config == null
                ? ReferenceHpa.of(hpa, metric)
                : hpa.withPrediction(new PredictionSettings("demand", Duration.ofDays(14), STARTUP.plus(INTERVAL),
                        Duration.ofMinutes(1), 0, config.forecaster(), config.predictingScaleDownWindow()));
        SimulationSettings settings = new SimulationSettings(capacity, STARTUP, INTERVAL,
                Backtest.initialReplicas(rules, metric, trace.demand().get(0).value(), capacity), null);
        List<SimulationStep> steps = Simulator.run(rules, trace.demand(), settings).steps();
        List<Instant> b = trace.foldBoundaries();
        Bill[] bills = new Bill[b.size() - 1];
        for (int i = 0; i + 1 < b.size(); i++) {
            bills[i] = Bill.of(steps, b.get(i), b.get(i + 1));
        }
        return bills;
    }
}
