package kaizen.report;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A later run against the baseline task by task, where both played the same tasks: the tasks it
 * won that the baseline lost and the other way round. With the same tasks the two runs are not
 * independent samples, and the paired test sees a change that the unpaired interval of the delta
 * (which assumes independence) hides: 20 tasks won and 8 lost of 128 is p = 0.036, while the
 * delta's interval, +9.4 [-1.6, 20.1], includes zero.
 */
public record PairedChange(int won, int lost, int tasks) {
    public PairedChange {
        if (won < 0 || lost < 0 || won + lost > tasks) throw new IllegalArgumentException(won + " won, " + lost + " lost of " + tasks);
    }

    /**
     * The pairing of {@code run} with {@code baseline}, or empty when they did not play the same
     * tasks. A task is its episode index together with the category and, where the result names
     * one, its game file (ALFWorld) or task id (household), so two runs over different data files
     * are not paired by their indices alone.
     */
    public static Optional<PairedChange> of(RunData baseline, RunData run) {
        Map<String, Boolean> base = outcomes(baseline);
        Map<String, Boolean> other = outcomes(run);
        if (base.isEmpty() || !base.keySet().equals(other.keySet())) return Optional.empty();
        int won = 0, lost = 0;
        for (var e : base.entrySet()) {
            boolean before = e.getValue(), after = other.get(e.getKey());
            if (after && !before) won++;
            if (before && !after) lost++;
        }
        return Optional.of(new PairedChange(won, lost, base.size()));
    }

    /**
     * The exact two-sided McNemar test: under no change each discordant task is won or lost with
     * probability 1/2, so p = 2 P(X <= min(won, lost)) for X ~ Binomial(won + lost, 1/2), at most 1.
     * Summed in logarithms: 0.5^n underflows a double past n = 1074.
     */
    public double pValue() {
        int n = won + lost, k = Math.min(won, lost);
        if (n == 0) return 1;
        double logChoose = 0, sum = 0, logHalfPowN = n * Math.log(0.5);
        for (int i = 0; i <= k; i++) {
            if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
            sum += Math.exp(logChoose + logHalfPowN);
        }
        return Math.min(1, 2 * sum);
    }

    private static Map<String, Boolean> outcomes(RunData run) {
        Map<String, Boolean> out = new HashMap<>();
        for (EpisodeView e : run.episodes()) {
            String task = e.record().index() + "|" + e.category() + "|" + e.record().resultText("game") + "|" + e.record().resultText("task_id");
            out.put(task, e.record().correct());
        }
        return out;
    }
}
