package kaizen.report;

/** {@code successes} out of {@code total} episodes, with Wilson score intervals. */
public record Proportion(long successes, long total) {
    /** z for a two-sided 95% interval. */
    static final double Z = 1.959963984540054;

    /** A closed interval of rates. */
    public record Interval(double low, double high) {
        public boolean excludesZero() {
            return low > 0 || high < 0;
        }
    }

    public Proportion {
        if (successes < 0 || total < successes) throw new IllegalArgumentException(successes + " of " + total);
    }

    /** 0 for no episodes, so that an empty category reads as nothing achieved. */
    public double rate() {
        return total == 0 ? 0 : (double) successes / total;
    }

    /** The Wilson score interval, which stays inside [0, 1] and behaves at 0 and n successes; [0, 1] when empty. */
    public Interval wilson() {
        if (total == 0) return new Interval(0, 1);
        double n = total;
        double p = rate();
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /**
     * This rate minus the baseline's with Newcombe's hybrid score interval (method 10 of Newcombe
     * 1998), built from the two Wilson intervals, for two independent samples.
     */
    public Interval deltaInterval(Proportion baseline) {
        double d = rate() - baseline.rate();
        Interval a = wilson();
        Interval b = baseline.wilson();
        double low = d - Math.sqrt(sq(rate() - a.low()) + sq(b.high() - baseline.rate()));
        double high = d + Math.sqrt(sq(a.high() - rate()) + sq(baseline.rate() - b.low()));
        return new Interval(low, high);
    }

    public double delta(Proportion baseline) {
        return rate() - baseline.rate();
    }

    private static double sq(double x) {
        return x * x;
    }
}
