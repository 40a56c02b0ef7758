package kaizen.report;

import java.util.Locale;

/** Numbers as the terminal summary and the HTML report both show them. */
final class Formats {
    private Formats() {}

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * rate);
    }

    /** A 95% interval in percent, e.g. "[23.7, 76.3]". */
    static String interval(Proportion.Interval i) {
        return String.format(Locale.ROOT, "[%.1f, %.1f]", 100 * i.low(), 100 * i.high());
    }

    /** A difference in percentage points with its sign, e.g. "-50.0". */
    static String points(double delta) {
        return String.format(Locale.ROOT, "%+.1f", 100 * delta);
    }

    static String score(Proportion p) {
        return percent(p.rate()) + " " + interval(p.wilson()) + " " + p.successes() + "/" + p.total();
    }

    static String delta(Proportion p, Proportion baseline) {
        return points(p.delta(baseline)) + " " + interval(p.deltaInterval(baseline));
    }

    static String signedCount(long delta) {
        return delta == 0 ? "±0" : String.format(Locale.ROOT, "%+d", delta);
    }

    /** AgentBench's headline number as metrics.json has it, four decimals; "-" for a run without one. */
    static String agentBenchScore(RunData run) {
        return run.agentBenchScore().map(s -> String.format(Locale.ROOT, "%.4f", s)).orElse("-");
    }

    /** "won 20, lost 8 of 128 tasks (exact McNemar p = 0.0357)". */
    static String paired(PairedChange c) {
        double p = c.pValue();
        return "won " + c.won() + ", lost " + c.lost() + " of " + c.tasks() + " tasks (exact McNemar "
                + (p < 1e-4 ? "p < 0.0001" : String.format(Locale.ROOT, "p = %.4f", p)) + ")";
    }
}
