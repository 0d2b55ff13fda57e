package io.perfsuite.monitor.alerting;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Prometheus's Go-template language that alert labels and annotations use in practice:
 * {@code {{ $labels.name }}}, {@code {{ $value }}}, {@code {{ .Labels.name }}}, {@code {{ .Value }}}, and
 * {@code humanize} / {@code humanizePercentage} / {@code printf "%.Nf"} applied to the value. Anything else is
 * rejected when the rule is loaded, so a rule never renders half a template.
 */
public final class AlertTemplate {

    private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}", Pattern.DOTALL);
    private static final Pattern LABEL = Pattern.compile("^(?:\\$labels|\\.Labels)\\.([a-zA-Z_][a-zA-Z0-9_]*)$");
    private static final Pattern VALUE = Pattern.compile("^(?:\\$value|\\.Value)$");
    private static final Pattern PIPE = Pattern.compile("^(?:\\$value|\\.Value)\\s*\\|\\s*(humanize|humanizePercentage)$");
    private static final Pattern CALL = Pattern.compile("^(humanize|humanizePercentage)\\s+(?:\\$value|\\.Value)$");
    private static final Pattern PRINTF = Pattern.compile("^printf\\s+\"%\\.(\\d)f\"\\s+(?:\\$value|\\.Value)$");

    private final List<Part> parts;

    private sealed interface Part permits Literal, LabelRef, ValueRef {
    }

    private record Literal(String text) implements Part {
    }

    private record LabelRef(String name) implements Part {
    }

    private record ValueRef(String format, int decimals) implements Part {
    }

    private AlertTemplate(List<Part> parts) {
        this.parts = parts;
    }

    /** @throws IllegalArgumentException with the unsupported action quoted */
    public static AlertTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        Matcher m = ACTION.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(new Literal(text.substring(last, m.start())));
            }
            parts.add(action(m.group(1).trim(), m.group()));
            last = m.end();
        }
        String tail = text.substring(last);
        if (tail.contains("{{")) {
            throw new IllegalArgumentException("unclosed action in template: " + tail);
        }
        if (!tail.isEmpty()) {
            parts.add(new Literal(tail));
        }
        return new AlertTemplate(List.copyOf(parts));
    }

    private static Part action(String body, String whole) {
        Matcher label = LABEL.matcher(body);
        if (label.matches()) {
            return new LabelRef(label.group(1));
        }
        if (VALUE.matcher(body).matches()) {
            return new ValueRef("plain", 0);
        }
        Matcher pipe = PIPE.matcher(body);
        if (pipe.matches()) {
            return new ValueRef(pipe.group(1), 0);
        }
        Matcher call = CALL.matcher(body);
        if (call.matches()) {
            return new ValueRef(call.group(1), 0);
        }
        Matcher printf = PRINTF.matcher(body);
        if (printf.matches()) {
            return new ValueRef("printf", Integer.parseInt(printf.group(1)));
        }
        throw new IllegalArgumentException("unsupported template action " + whole
                + " (supported: $labels.<name>, $value, $value | humanize, $value | humanizePercentage, printf \"%.Nf\" $value)");
    }

    /** Missing labels render as the empty string, as Prometheus's {@code missingkey=zero}. */
    public String render(Map<String, String> labels, double value) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal l) {
                out.append(l.text());
            } else if (part instanceof LabelRef r) {
                out.append(labels.getOrDefault(r.name(), ""));
            } else if (part instanceof ValueRef v) {
                out.append(switch (v.format()) {
                    case "humanize" -> humanize(value);
                    case "humanizePercentage" -> significant4(value * 100) + "%";
                    case "printf" -> String.format(Locale.ROOT, "%." + v.decimals() + "f", value);
                    default -> goFloat(value);
                });
            }
        }
        return out.toString();
    }

    /** Go's {@code fmt.Sprint(float64)} ({@code %v}): shortest digits, exponent form below 1e-4 or from 1e6 on. */
    static String goFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= 6) {
            return exponent(d, exp);
        }
        return d.toPlainString();
    }

    private static String exponent(BigDecimal d, int exp) {
        BigDecimal mantissa = d.movePointLeft(exp).stripTrailingZeros();
        String sign = exp < 0 ? "-" : "+";
        int abs = Math.abs(exp);
        return mantissa.toPlainString() + "e" + sign + (abs < 10 ? "0" : "") + abs;
    }

    /** Prometheus's {@code humanize}: SI prefixes in steps of 1000, four significant digits. */
    static String humanize(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return goFloat(v);
        }
        String[] big = {"", "k", "M", "G", "T", "P", "E", "Z", "Y"};
        String[] small = {"", "m", "u", "n", "p", "f", "a", "z", "y"};
        double abs = Math.abs(v);
        int i = 0;
        if (abs >= 1) {
            while (abs >= 1000 && i < big.length - 1) {
                v /= 1000;
                abs /= 1000;
                i++;
            }
            return significant4(v) + big[i];
        }
        while (abs < 1 && i < small.length - 1) {
            v *= 1000;
            abs *= 1000;
            i++;
        }
        return significant4(v) + small[i];
    }

    /** Go's {@code %.4g}: four significant digits, trailing zeros dropped. */
    static String significant4(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return goFloat(v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= 4) {
            return exponent(d, exp);
        }
        return d.toPlainString();
    }
}
