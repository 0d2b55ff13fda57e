package io.perfsuite.autoscaler.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.perfsuite.autoscaler.backtest.simulation.DemandPoint;
import io.perfsuite.autoscaler.backtest.simulation.SimulationSettings;
import io.perfsuite.autoscaler.backtest.simulation.SimulationSummary;
import io.perfsuite.autoscaler.decision.Behavior;
import io.perfsuite.autoscaler.decision.Forecaster;
import io.perfsuite.autoscaler.decision.ForecasterParameters;
import io.perfsuite.autoscaler.decision.MetricRule;
import io.perfsuite.autoscaler.decision.PolicyRules;
import io.perfsuite.autoscaler.decision.PredictionSettings;
import io.perfsuite.autoscaler.decision.ScalingRules;
import io.perfsuite.autoscaler.decision.TargetType;

/**
 * The backtest from the command line, on the compiled classes alone (no Quarkus):
 *
 * <pre>
 * java -cp autoscaler/target/classes io.perfsuite.autoscaler.backtest.BacktestCli --csv trace.csv \
 *     [--values file --step-seconds 1] [--capacity N | --peak-replicas 10] [--target-utilization 0.8] \
 *     [--startup 60] [--interval 15] [--min 1] [--max 1000] [--prediction] [--horizon S] [--margin 0] \
 *     [--scale-down-window S] \
 *     [--score-from-hours H] [--resample-seconds S] [--svg out.svg] [--name label]
 * </pre>
 *
 * The policy is the default one: an AverageValue target of capacity x target-utilization on the demand, HPA's
 * default behaviour, and with --prediction a forecast over the horizon (start-up + one interval by default). Prints
 * one {@code key=value} line per side.
 */
public final class BacktestCli {

    private BacktestCli() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = parse(args);
        List<DemandPoint> demand;
        if (options.containsKey("csv")) {
            demand = DemandFiles.csv(Path.of(options.get("csv")));
        } else if (options.containsKey("values")) {
            demand = DemandFiles.values(Path.of(options.get("values")),
                    Long.parseLong(options.getOrDefault("step-seconds", "1")),
                    Instant.ofEpochSecond(Long.parseLong(options.getOrDefault("start", "0"))));
        } else {
            usage("--csv or --values is required");
            return;
        }
        demand = DemandFiles.resample(demand, Long.parseLong(options.getOrDefault("resample-seconds", "0")));
        if (demand.size() < 2) {
            usage("fewer than two demand points");
        }
        double utilization = Double.parseDouble(options.getOrDefault("target-utilization", "0.8"));
        double capacity = options.containsKey("capacity")
                ? Double.parseDouble(options.get("capacity"))
                : percentile(demand, 0.99) / Double.parseDouble(options.getOrDefault("peak-replicas", "10"));
        int startup = Integer.parseInt(options.getOrDefault("startup", "60"));
        int interval = Integer.parseInt(options.getOrDefault("interval", "15"));
        MetricRule metric = new MetricRule("demand", TargetType.AVERAGE_VALUE, capacity * utilization);
        PolicyRules rules = PolicyRules.hpa(Integer.parseInt(options.getOrDefault("min", "1")),
                Integer.parseInt(options.getOrDefault("max", "1000")), List.of(metric));
        if (options.containsKey("scale-down-window")) {
            ScalingRules down = ScalingRules.defaultScaleDown();
            rules = rules.withBehavior(new Behavior(ScalingRules.defaultScaleUp(),
                    new ScalingRules(Duration.ofSeconds(Long.parseLong(options.get("scale-down-window"))),
                            down.select(), down.policies())));
        }
        if (options.containsKey("prediction")) {
            int horizon = Integer.parseInt(options.getOrDefault("horizon", String.valueOf(startup + interval)));
            rules = rules.withPrediction(new PredictionSettings("demand",
                    Duration.ofDays(Long.parseLong(options.getOrDefault("lookback-days", "14"))),
                    Duration.ofSeconds(horizon), Duration.ofMinutes(1),
                    Double.parseDouble(options.getOrDefault("margin", "0")), forecasterParameters(options),
                    options.containsKey("predicting-scale-down-window")
                            ? Duration.ofSeconds(Long.parseLong(options.get("predicting-scale-down-window")))
                            : null));
        }
        Instant scoreFrom = options.containsKey("score-from-hours")
                ? demand.get(0).time().plusSeconds((long) (Double.parseDouble(options.get("score-from-hours")) * 3600))
                : null;
        SimulationSettings settings = new SimulationSettings(capacity, Duration.ofSeconds(startup),
                Duration.ofSeconds(interval), Backtest.initialReplicas(rules, metric, demand.get(0).value(), capacity),
                scoreFrom);
        boolean chart = options.containsKey("svg");
        BacktestReport report = Backtest.compare(rules, metric, demand, settings, chart);
        String name = options.getOrDefault("name", "backtest");
        print(name, "policy", report.policy().summary(), report.policy().decidingReasons().toString());
        print(name, "reference", report.referenceHpa().summary(), report.referenceHpa().decidingReasons().toString());
        System.out.printf(Locale.ROOT,
                "%s compare under_reduction=%s replica_hours_ratio=%.4f capacity=%.6g daily_acf=%.3f "
                        + "daily_acf_level_removed=%.3f%n",
                name,
                report.underProvisionedReduction() == null
                        ? "n/a"
                        : String.format(Locale.ROOT, "%.4f", report.underProvisionedReduction()),
                report.replicaHoursRatio(), capacity, dailyAutocorrelation(demand, false),
                dailyAutocorrelation(demand, true));
        if (chart) {
            Files.writeString(Path.of(options.get("svg")), SvgChart.render(name + ": demand and ready capacity ("
                    + (options.containsKey("prediction") ? "policy with prediction" : "policy") + " vs reference HPA)",
                    report.steps()));
        }
    }

    /** The forecaster's tunables from the options, each defaulting to {@link ForecasterParameters#DEFAULT}. */
    static ForecasterParameters forecasterParameters(Map<String, String> options) {
        ForecasterParameters d = ForecasterParameters.DEFAULT;
        return new ForecasterParameters(
                Integer.parseInt(options.getOrDefault("seasons-averaged", String.valueOf(d.seasonsAveraged()))),
                Double.parseDouble(options.getOrDefault("level-smoothing", String.valueOf(d.levelSmoothing()))),
                Double.parseDouble(options.getOrDefault("margin-quantile", String.valueOf(d.marginQuantile()))),
                Double.parseDouble(options.getOrDefault("selection-quantile", String.valueOf(d.selectionQuantile()))),
                Integer.parseInt(options.getOrDefault("error-window", String.valueOf(d.errorWindowSteps()))),
                Double.parseDouble(options.getOrDefault("season-threshold", String.valueOf(d.seasonalityThreshold()))),
                Double.parseDouble(options.getOrDefault("burst-threshold", String.valueOf(d.burstThreshold()))));
    }

    private static void print(String name, String side, SimulationSummary s, String reasons) {
        System.out.printf(Locale.ROOT,
                "%s %s under_minutes=%.2f replica_hours=%.2f scale_events=%d peak_replicas=%d scored_minutes=%.0f "
                        + "recommended_replica_hours=%.2f peak_recommendation=%d recommendation_changes=%d "
                        + "reasons=%s%n",
                name, side, s.underProvisionedMinutes(), s.replicaHours(), s.scaleEvents(), s.peakReplicas(),
                s.scoredMinutes(), s.recommendedReplicaHours(), s.peakRecommendation(), s.recommendationChanges(),
                reasons.replace(' ', '_'));
    }

    /**
     * Autocorrelation at one day on one-minute averages: how daily the pattern is (the forecaster's own test). With
     * {@code levelRemoved}, of the series minus its trailing one-day mean: a level shift (days near zero, then days
     * at a steady level) correlates at every lag and reads as a season in the raw test, not in this one.
     */
    static double dailyAutocorrelation(List<DemandPoint> demand, boolean levelRemoved) {
        double[] minutes = DemandFiles.resample(demand, 60).stream().mapToDouble(DemandPoint::value).toArray();
        if (minutes.length < 2 * 1440) {
            return 0;
        }
        if (levelRemoved) {
            double[] residual = new double[minutes.length];
            double sum = 0;
            for (int i = 0; i < minutes.length; i++) {
                sum += minutes[i] - (i >= 1440 ? minutes[i - 1440] : 0);
                residual[i] = minutes[i] - sum / Math.min(i + 1, 1440);
            }
            minutes = residual;
        }
        return Forecaster.autocorrelation(minutes, 1440);
    }

    static double percentile(List<DemandPoint> demand, double q) {
        double[] values = demand.stream().mapToDouble(DemandPoint::value).toArray();
        Arrays.sort(values);
        return Math.max(values[(int) Math.min(values.length - 1, Math.floor(q * values.length))], 1e-9);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> flags = new ArrayList<>(List.of("prediction"));
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                usage("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            if (flags.contains(key)) {
                options.put(key, "true");
            } else if (i + 1 < args.length) {
                options.put(key, args[++i]);
            } else {
                usage(args[i] + " needs a value");
            }
        }
        return options;
    }

    private static void usage(String problem) {
        System.err.println("backtest: " + problem);
        System.err.println("usage: BacktestCli --csv FILE | --values FILE [--step-seconds N] [--start EPOCH]"
                + " [--capacity N | --peak-replicas N] [--target-utilization 0.8] [--startup 60] [--interval 15]"
                + " [--min 1] [--max 1000] [--scale-down-window S] [--prediction] [--horizon S] [--margin M] [--lookback-days 14]"
                + " [--seasons-averaged K] [--level-smoothing A] [--margin-quantile Q] [--selection-quantile Q]"
                + " [--error-window STEPS]"
                + " [--season-threshold R] [--burst-threshold P] [--predicting-scale-down-window S]"
                + " [--score-from-hours H] [--resample-seconds S] [--svg FILE] [--name LABEL]");
        System.exit(2);
    }
}
