package kaizen.harness.dbbench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import kaizen.core.python.PyJson;
import kaizen.core.python.PyList;
import kaizen.core.python.PyNone;
import kaizen.core.python.PyStr;
import kaizen.core.python.PyValue;
import kaizen.core.python.PythonLiteral;
import kaizen.core.python.PythonOps;

/**
 * AgentBench DBBench's {@code calculate_overall}, reproduced exactly so that Kaizen's numbers can be
 * compared with published ones. Per result type an accuracy; "SELECT" counts every type except
 * INSERT and UPDATE (so DELETE results, compared by hash, count there too); then
 * {@code overall_cat_accuracy} is the mean of the SELECT, INSERT and UPDATE accuracies.
 *
 * <p>An answer to a query is scored as the reference does it: {@code list(eval(answer))}, or
 * {@code [answer]} when that raises; a single item is compared with a single-item target as floats
 * when both convert ({@code float()} strips whitespace) and by {@code ==} otherwise; anything else
 * is compared as sets, and is wrong when an item is unhashable. Where the reference's {@code eval}
 * would compute an iterable from non-literal code (a call such as {@code range(3)}, arithmetic on
 * strings), Kaizen's literal-only evaluator treats the answer as not evaluable.
 */
public final class DbBenchScoring {
    private DbBenchScoring() {}

    /** The metric types in the reference's order; each gives a key {@code type + "_accuracy"}. */
    public static final List<String> TYPES = List.of("other", "counting", "comparison", "ranking",
            "aggregation-SUM", "aggregation-MIN", "aggregation-MAX", "aggregation-AVG", "SELECT", "INSERT", "UPDATE");

    public static final String OVERALL = "overall_cat_accuracy";

    /** Result types whose answer is compared with the hash of the table after the episode. */
    private static final List<String> HASH_TYPES = List.of("INSERT", "DELETE", "UPDATE");

    /**
     * One episode's result: its type (from the task) and the model's final answer text; a null
     * answer is Python's None (the model never answered).
     */
    public record Outcome(String type, String answer) {}

    /** What an answer is compared with. */
    public sealed interface Target permits Label, Md5 {
        /** The target as the reference holds it: the label list, or the hash string. */
        PyValue asPython();
    }

    /** The task's {@code label}: a JSON list, usually of strings. */
    public record Label(List<PyValue> items) implements Target {
        public Label {
            items = List.copyOf(items);
        }

        /** The label as Python's {@code json.loads} reads it; must be a JSON array. */
        public static Label fromJson(JsonNode label) {
            if (label == null || !label.isArray()) {
                throw new IllegalArgumentException("a DBBench label must be a JSON list");
            }
            return new Label(((PyList) PyJson.fromJson(label)).items());
        }

        @Override
        public PyValue asPython() {
            return new PyList(items);
        }
    }

    /** The expected {@code answer_md5} for INSERT, DELETE and UPDATE tasks. */
    public record Md5(String hash) implements Target {
        public Md5 {
            Objects.requireNonNull(hash, "hash");
        }

        @Override
        public PyValue asPython() {
            return new PyStr(hash);
        }
    }

    /**
     * The reference's metrics, keys in its order. Outcomes and targets are paired by position
     * (Python's {@code zip}: extra items on either side are ignored); a null outcome is a missing
     * result and is skipped. A type with no results scores 0.
     *
     * @throws ArithmeticException where the reference itself crashes (OverflowError: an answer
     *     that is a one-item list holding an int too large for a float)
     */
    public static LinkedHashMap<String, Double> customMetrics(List<Outcome> outcomes, List<Target> targets) {
        int n = Math.min(outcomes.size(), targets.size());
        // Correctness does not depend on the metric type, so score each episode once.
        Boolean[] correct = new Boolean[n];
        for (int i = 0; i < n; i++) {
            if (outcomes.get(i) != null) correct[i] = isCorrect(outcomes.get(i), targets.get(i));
        }
        LinkedHashMap<String, Double> metrics = new LinkedHashMap<>();
        for (String typ : TYPES) {
            int right = 0;
            int total = 0;
            for (int i = 0; i < n; i++) {
                if (correct[i] == null || !counts(typ, outcomes.get(i).type())) continue;
                if (correct[i]) right++;
                total++;
            }
            metrics.put(typ + "_accuracy", total == 0 ? 0.0 : (double) right / total);
        }
        // Same additions in the same order as the reference, so the double is identical.
        metrics.put(OVERALL, (metrics.get("SELECT_accuracy") + metrics.get("INSERT_accuracy") + metrics.get("UPDATE_accuracy")) / 3);
        return metrics;
    }

    /** Whether a result of type {@code t} counts towards metric type {@code typ}. */
    static boolean counts(String typ, String t) {
        if (Objects.equals(t, typ)) return true;
        return typ.equals("SELECT") && !"INSERT".equals(t) && !"UPDATE".equals(t);
    }

    /**
     * Whether the reference counts this episode as correct.
     *
     * @throws ArithmeticException where the reference crashes (see {@link #customMetrics})
     */
    public static boolean isCorrect(Outcome outcome, Target target) {
        PyValue cor = target.asPython();
        PyValue raw = outcome.answer() == null ? PyNone.INSTANCE : new PyStr(outcome.answer());
        if (outcome.type() != null && HASH_TYPES.contains(outcome.type())) return PythonOps.pyEquals(raw, cor);

        // ans = list(eval(ans)), or [ans] when eval raises or its result is not iterable.
        List<PyValue> ans = outcome.answer() == null ? List.of(raw)
                : PythonLiteral.eval(outcome.answer()).flatMap(PythonOps::list).orElse(List.of(raw));
        List<PyValue> corItems = PythonOps.list(cor).orElseThrow(); // a label list or a hash string
        if (ans.size() == 1 && corItems.size() == 1) {
            Optional<Double> a = PythonOps.toFloat(ans.get(0));
            if (a.isPresent()) {
                Optional<Double> c = PythonOps.toFloat(corItems.get(0));
                if (c.isPresent()) return a.get().doubleValue() == c.get().doubleValue(); // NaN is never equal
            }
            return PythonOps.pyEquals(ans.get(0), corItems.get(0));
        }
        // set(cor) == set(ans); an unhashable item raises, which the reference swallows: not correct.
        return PythonOps.setEquals(corItems, ans).orElse(false);
    }
}
