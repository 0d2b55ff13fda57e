package io.perfsuite.monitor.alerting;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a Prometheus rule file ({@code groups: [{name, interval, rules: [{alert|record, expr, for, keep_firing_for,
 * labels, annotations}]}]}) with the checks {@code promtool check rules} makes, reporting the first problem with its
 * line. Works on the YAML node tree rather than binding, so every error can point at its line.
 */
public final class RuleFileParser {

    private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
    private static final Pattern METRIC_NAME = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*$");
    private static final Set<String> GROUP_FIELDS = Set.of("name", "interval", "rules", "limit", "query_offset");
    private static final Set<String> RULE_FIELDS = Set.of("alert", "record", "expr", "for", "keep_firing_for", "labels",
            "annotations", "anomaly");
    private static final Set<String> ANOMALY_FIELDS = Set.of("query", "detector", "sensitivity");

    private final Duration defaultInterval;

    /** @param defaultInterval a group's interval when it names none (Prometheus's global evaluation_interval) */
    public RuleFileParser(Duration defaultInterval) {
        this.defaultInterval = defaultInterval;
    }

    /** @throws RuleFileException naming the file, line and reason of the first problem */
    public List<RuleGroup> parse(String file, String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new RuleFileException(file, line, "invalid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new RuleFileException(file, 0, "invalid YAML: " + e.getMessage());
        }
        if (root == null) {
            return List.of();
        }
        MappingNode top = mapping(file, root, "the file");
        List<RuleGroup> groups = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (NodeTuple tuple : top.getValue()) {
            String key = scalar(file, tuple.getKeyNode(), "key");
            if (!key.equals("groups")) {
                throw new RuleFileException(file, line(tuple.getKeyNode()), "field " + key + " not found in type rule file");
            }
            if (isNull(tuple.getValueNode())) {
                continue;
            }
            for (Node groupNode : sequence(file, tuple.getValueNode(), "groups").getValue()) {
                RuleGroup group = group(file, groupNode);
                if (!names.add(group.name())) {
                    throw new RuleFileException(file, line(groupNode),
                            "groupname: \"" + group.name() + "\" is repeated in the same file");
                }
                groups.add(group);
            }
        }
        return groups;
    }

    private RuleGroup group(String file, Node node) {
        Map<String, Node> fields = fields(file, mapping(file, node, "group"), GROUP_FIELDS, "rule group");
        Node nameNode = fields.get("name");
        String name = nameNode == null ? "" : scalar(file, nameNode, "name");
        if (name.isBlank()) {
            throw new RuleFileException(file, line(node), "Groupname must not be empty");
        }
        Duration interval = fields.containsKey("interval")
                ? duration(file, fields.get("interval"), "interval")
                : defaultInterval;
        if (interval.isZero()) {
            interval = defaultInterval;
        }
        List<AlertRule> rules = new ArrayList<>();
        List<String> recording = new ArrayList<>();
        Node rulesNode = fields.get("rules");
        if (rulesNode != null && !isNull(rulesNode)) {
            for (Node ruleNode : sequence(file, rulesNode, "rules").getValue()) {
                rule(file, ruleNode, rules, recording);
            }
        }
        return new RuleGroup(file, name, interval, rules, recording);
    }

    private void rule(String file, Node node, List<AlertRule> alerts, List<String> recording) {
        int line = line(node);
        Map<String, Node> fields = fields(file, mapping(file, node, "rule"), RULE_FIELDS, "rule");
        String alert = optionalScalar(file, fields.get("alert"), "alert");
        String record = optionalScalar(file, fields.get("record"), "record");
        String expr = optionalScalar(file, fields.get("expr"), "expr");
        if (alert != null && record != null) {
            throw new RuleFileException(file, line, "only one of 'record' and 'alert' must be set");
        }
        if ((alert == null || alert.isEmpty()) && (record == null || record.isEmpty())) {
            throw new RuleFileException(file, line, "one of 'record' or 'alert' must be set");
        }
        AnomalyCondition anomaly = null;
        if (fields.containsKey("anomaly")) {
            if (record != null) {
                throw new RuleFileException(file, line, "invalid field 'anomaly' in recording rule");
            }
            if (expr != null) {
                throw new RuleFileException(file, line(fields.get("expr")),
                        "an anomaly rule takes its query from anomaly.query; set either 'expr' or 'anomaly'");
            }
            anomaly = anomaly(file, fields.get("anomaly"));
            expr = anomaly.query();
        }
        if (expr == null || expr.isBlank()) {
            throw new RuleFileException(file, fields.containsKey("expr") ? line(fields.get("expr")) : line,
                    "field 'expr' must be set in rule");
        }
        checkExpr(file, fields.get("expr"), expr);
        Map<String, String> labels = stringMap(file, fields.get("labels"), "labels");
        if (record != null) {
            if (fields.containsKey("annotations")) {
                throw new RuleFileException(file, line, "invalid field 'annotations' in recording rule");
            }
            if (fields.containsKey("for")) {
                throw new RuleFileException(file, line, "invalid field 'for' in recording rule");
            }
            if (fields.containsKey("keep_firing_for")) {
                throw new RuleFileException(file, line, "invalid field 'keep_firing_for' in recording rule");
            }
            if (!METRIC_NAME.matcher(record).matches()) {
                throw new RuleFileException(file, line(fields.get("record")), "invalid recording rule name: " + record);
            }
            recording.add(record);
            return;
        }
        Map<String, String> annotations = stringMap(file, fields.get("annotations"), "annotations");
        Duration forDuration = fields.containsKey("for") ? duration(file, fields.get("for"), "for") : Duration.ZERO;
        Duration keepFiringFor = fields.containsKey("keep_firing_for")
                ? duration(file, fields.get("keep_firing_for"), "keep_firing_for")
                : Duration.ZERO;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            checkTemplate(file, fields.get("labels"), "label " + label.getKey(), label.getValue());
        }
        for (Map.Entry<String, String> annotation : annotations.entrySet()) {
            checkTemplate(file, fields.get("annotations"), "annotation " + annotation.getKey(), annotation.getValue());
        }
        alerts.add(new AlertRule(alert, expr, forDuration, keepFiringFor, labels, annotations, file + ":" + line, anomaly));
    }

    /** {@code anomaly: {query, detector (context), sensitivity (0..1, default 0.5)}}: this monitor's own field. */
    private static AnomalyCondition anomaly(String file, Node node) {
        Map<String, Node> fields = fields(file, mapping(file, node, "anomaly"), ANOMALY_FIELDS, "anomaly");
        String query = optionalScalar(file, fields.get("query"), "anomaly.query");
        if (query == null || query.isBlank()) {
            throw new RuleFileException(file, line(node), "field 'anomaly.query' must be set in anomaly rule");
        }
        checkExpr(file, fields.get("query"), query);
        String detector = optionalScalar(file, fields.get("detector"), "anomaly.detector");
        if (detector == null) {
            detector = "context";
        } else if (!AnomalyCondition.DETECTORS.contains(detector)) {
            throw new RuleFileException(file, line(fields.get("detector")), "anomaly.detector must be one of "
                    + new java.util.TreeSet<>(AnomalyCondition.DETECTORS) + ", was " + detector);
        }
        double sensitivity = 0.5;
        if (fields.containsKey("sensitivity")) {
            String text = scalar(file, fields.get("sensitivity"), "anomaly.sensitivity");
            try {
                sensitivity = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                sensitivity = Double.NaN;
            }
            if (!(sensitivity >= 0 && sensitivity <= 1)) {
                throw new RuleFileException(file, line(fields.get("sensitivity")),
                        "anomaly.sensitivity must be a number from 0 to 1, was " + text);
            }
        }
        return new AnomalyCondition(query, detector, sensitivity);
    }

    /**
     * PromQL itself is parsed by Prometheus at evaluation time (a bad expression then shows as the rule's lastError);
     * here only what is surely wrong is rejected: unbalanced brackets and quotes.
     */
    private static void checkExpr(String file, Node node, String expr) {
        int round = 0;
        int curly = 0;
        int square = 0;
        char quote = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '"', '\'', '`' -> quote = c;
                case '(' -> round++;
                case ')' -> round--;
                case '{' -> curly++;
                case '}' -> curly--;
                case '[' -> square++;
                case ']' -> square--;
                default -> {
                }
            }
            if (round < 0 || curly < 0 || square < 0) {
                throw new RuleFileException(file, line(node), "could not parse expression: unexpected '" + c + "' in " + expr);
            }
        }
        if (quote != 0 || round != 0 || curly != 0 || square != 0) {
            throw new RuleFileException(file, line(node), "could not parse expression: unclosed "
                    + (quote != 0 ? "string" : "bracket") + " in " + expr);
        }
    }

    private static void checkTemplate(String file, Node node, String what, String text) {
        try {
            AlertTemplate.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RuleFileException(file, line(node), "template of " + what + ": " + e.getMessage());
        }
    }

    private static Map<String, Node> fields(String file, MappingNode node, Set<String> allowed, String type) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            String key = scalar(file, tuple.getKeyNode(), "key");
            if (!allowed.contains(key)) {
                throw new RuleFileException(file, line(tuple.getKeyNode()), "field " + key + " not found in type " + type);
            }
            out.put(key, tuple.getValueNode());
        }
        return out;
    }

    private static Map<String, String> stringMap(String file, Node node, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return out;
        }
        for (NodeTuple tuple : mapping(file, node, what).getValue()) {
            String key = scalar(file, tuple.getKeyNode(), what + " name");
            if (!LABEL_NAME.matcher(key).matches()) {
                throw new RuleFileException(file, line(tuple.getKeyNode()), "invalid " + what + " name: " + key);
            }
            out.put(key, scalar(file, tuple.getValueNode(), what + " value"));
        }
        return out;
    }

    private static Duration duration(String file, Node node, String what) {
        String text = scalar(file, node, what);
        try {
            return PromDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RuleFileException(file, line(node), what + ": " + e.getMessage());
        }
    }

    private static MappingNode mapping(String file, Node node, String what) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw new RuleFileException(file, line(node), what + " must be a mapping");
    }

    private static SequenceNode sequence(String file, Node node, String what) {
        if (node instanceof SequenceNode s) {
            return s;
        }
        throw new RuleFileException(file, line(node), what + " must be a list");
    }

    private static String optionalScalar(String file, Node node, String what) {
        return node == null || isNull(node) ? null : scalar(file, node, what);
    }

    private static String scalar(String file, Node node, String what) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new RuleFileException(file, line(node), what + " must be a string");
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
