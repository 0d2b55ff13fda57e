package io.perfsuite.autoscaler.backtest;

import java.util.List;
import java.util.Locale;

/** Demand, and each side's ready capacity, over time, as an SVG line chart (one column per pixel, peak per column). */
final class SvgChart {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 420;
    private static final int MARGIN = 50;

    private SvgChart() {
    }

    static String render(String title, List<BacktestReport.Step> steps) {
        int columns = Math.min(WIDTH - 2 * MARGIN, steps.size());
        double[] demand = new double[columns];
        double[] ours = new double[columns];
        double[] reference = new double[columns];
        java.util.Arrays.fill(ours, Double.MAX_VALUE);
        java.util.Arrays.fill(reference, Double.MAX_VALUE);
        double top = 0;
        for (int i = 0; i < steps.size(); i++) {
            int c = (int) ((long) i * columns / steps.size());
            BacktestReport.Step s = steps.get(i);
            demand[c] = Math.max(demand[c], s.demand());
            // the lowest capacity in the column: that is where under-provisioning shows
            ours[c] = Math.min(ours[c], s.policyReadyCapacity());
            reference[c] = Math.min(reference[c], s.referenceReadyCapacity());
            top = Math.max(top, Math.max(s.demand(), Math.max(s.policyReadyCapacity(), s.referenceReadyCapacity())));
        }
        top = top <= 0 ? 1 : top * 1.05;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                WIDTH, HEIGHT));
        svg.append("<text x=\"").append(MARGIN).append("\" y=\"20\">").append(escape(title)).append("</text>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", 5, MARGIN, format(top)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">0</text>%n", 5, HEIGHT - MARGIN));
        if (!steps.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", MARGIN, HEIGHT - 20,
                    steps.get(0).time()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    WIDTH - MARGIN, HEIGHT - 20, steps.get(steps.size() - 1).time()));
        }
        polyline(svg, demand, top, "#222222", 1.0);
        polyline(svg, reference, top, "#d62728", 1.2);
        polyline(svg, ours, top, "#1f77b4", 1.2);
        svg.append("<text x=\"").append(WIDTH - 420).append("\" y=\"20\">")
                .append("<tspan fill=\"#222222\">demand</tspan>  ")
                .append("<tspan fill=\"#1f77b4\">policy ready capacity</tspan>  ")
                .append("<tspan fill=\"#d62728\">reference HPA ready capacity</tspan></text>\n");
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void polyline(StringBuilder svg, double[] values, double top, String color, double width) {
        svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"").append(width)
                .append("\" points=\"");
        int plotWidth = WIDTH - 2 * MARGIN;
        int plotHeight = HEIGHT - 2 * MARGIN;
        for (int i = 0; i < values.length; i++) {
            double v = values[i] == Double.MAX_VALUE ? 0 : values[i];
            double x = MARGIN + (values.length == 1 ? 0 : (double) i * plotWidth / (values.length - 1));
            double y = HEIGHT - MARGIN - v / top * plotHeight;
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        svg.append("\"/>\n");
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
