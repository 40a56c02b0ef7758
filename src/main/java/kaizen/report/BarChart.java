package kaizen.report;

import java.util.List;
import java.util.Locale;

/** A grouped horizontal bar chart as inline SVG: one group per row, one bar per run, optional interval whiskers. */
final class BarChart {
    /** A value with the ends of its interval (both equal to the value when it has none). */
    record Bar(double value, double low, double high) {}

    record Group(String name, List<Bar> bars) {}

    private static final int LABEL = 190;
    private static final int PLOT = 520;
    private static final int BAR = 12;
    private static final int GAP = 10;

    private BarChart() {}

    static String svg(String id, String title, List<String> runs, List<Group> groups, double max, List<String> colours) {
        int legend = 20 + 16 * runs.size();
        int groupHeight = runs.size() * (BAR + 2) + GAP;
        int height = legend + groups.size() * groupHeight + 24;
        int width = LABEL + PLOT + 60;
        StringBuilder s = new StringBuilder();
        s.append("<svg id=\"").append(id).append("\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" role=\"img\"><title>").append(HtmlReport.escape(title)).append("</title>\n");
        s.append("<text x=\"0\" y=\"14\" font-weight=\"bold\">").append(HtmlReport.escape(title)).append("</text>\n");
        for (int k = 0; k < runs.size(); k++) {
            int y = 22 + 16 * k;
            s.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(colour(colours, k)).append("\"/><text x=\"").append(LABEL + 18).append("\" y=\"").append(y + 10).append("\">")
                    .append(HtmlReport.escape(runs.get(k))).append("</text>\n");
        }
        int axis = height - 20;
        for (int tick = 0; tick <= 4; tick++) {
            double x = LABEL + PLOT * tick / 4.0;
            s.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(legend).append("\" x2=\"").append(fmt(x)).append("\" y2=\"")
                    .append(axis).append("\" stroke=\"#e3e3e3\"/><text x=\"").append(fmt(x)).append("\" y=\"").append(axis + 14)
                    .append("\" text-anchor=\"middle\">").append(fmt(max * tick / 4.0)).append("</text>\n");
        }
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            int top = legend + g * groupHeight;
            s.append("<text x=\"").append(LABEL - 6).append("\" y=\"").append(top + groupHeight / 2).append("\" text-anchor=\"end\">")
                    .append(HtmlReport.escape(group.name())).append("</text>\n");
            for (int k = 0; k < group.bars().size(); k++) {
                Bar b = group.bars().get(k);
                int y = top + k * (BAR + 2);
                s.append("<rect class=\"bar\" x=\"").append(LABEL).append("\" y=\"").append(y).append("\" width=\"")
                        .append(fmt(scale(b.value(), max))).append("\" height=\"").append(BAR).append("\" fill=\"").append(colour(colours, k))
                        .append("\"><title>").append(HtmlReport.escape(runs.get(k) + ": " + fmt(b.value()))).append("</title></rect>");
                if (b.high() > b.low()) {
                    double mid = y + BAR / 2.0;
                    s.append("<line x1=\"").append(fmt(LABEL + scale(b.low(), max))).append("\" y1=\"").append(fmt(mid))
                            .append("\" x2=\"").append(fmt(LABEL + scale(b.high(), max))).append("\" y2=\"").append(fmt(mid))
                            .append("\" stroke=\"#222\"/>");
                }
                s.append("<text x=\"").append(fmt(LABEL + scale(Math.max(b.value(), b.high()), max) + 4)).append("\" y=\"").append(y + 10)
                        .append("\">").append(fmt(b.value())).append("</text>\n");
            }
        }
        return s.append("</svg>\n").toString();
    }

    private static double scale(double v, double max) {
        return PLOT * Math.max(0, Math.min(v, max)) / max;
    }

    private static String colour(List<String> colours, int k) {
        return colours.get(k % colours.size());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
