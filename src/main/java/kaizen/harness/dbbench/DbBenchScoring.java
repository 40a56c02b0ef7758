package kaizen.harness.dbbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import kaizen.core.python.PyStr;
import kaizen.core.python.PyValue;
import kaizen.core.python.PythonLiteral;
import kaizen.core.python.PythonOps;

/**
 * AgentBench's DBBench calculate_overall, with its quirks kept: DELETE episodes count in
 * SELECT_accuracy (compared by hash); the answer is {@code list(eval(answer))}, falling back to
 * {@code [answer]} when eval fails or gives a non-iterable (so a bare string becomes its
 * characters); one-element answers compare as floats when both convert, else with ==; longer
 * ones compare as sets; a category with no episodes scores 0.
 */
public final class DbBenchScoring {
    /** What an episode answered: result.type and result.answer. */
    public record Outcome(String type, String answer) {}

    /** What the task expects: the label list, or answer_md5 for mutation tasks. */
    public sealed interface Target {
        record Label(List<PyValue> items) implements Target {}

        record Md5(String text) implements Target {}
    }

    public static final List<String> TYPES = List.of("other", "counting", "comparison", "ranking", "aggregation-SUM",
            "aggregation-MIN", "aggregation-MAX", "aggregation-AVG", "SELECT", "INSERT", "UPDATE");

    private DbBenchScoring() {}

    public static LinkedHashMap<String, Double> customMetrics(List<Outcome> outcomes, List<Target> targets) {
        if (outcomes.size() != targets.size()) throw new IllegalArgumentException("one target per outcome");
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        for (String typ : TYPES) out.put(typ + "_accuracy", accuracy(typ, outcomes, targets));
        out.put("overall_cat_accuracy", (out.get("SELECT_accuracy") + out.get("INSERT_accuracy") + out.get("UPDATE_accuracy")) / 3);
        return out;
    }

    static double accuracy(String typ, List<Outcome> outcomes, List<Target> targets) {
        int correct = 0;
        int total = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            String t = outcomes.get(i).type();
            boolean counted = t.equals(typ) || (typ.equals("SELECT") && !t.equals("INSERT") && !t.equals("UPDATE"));
            if (!counted) continue;
            if (isCorrect(outcomes.get(i), targets.get(i))) correct++;
            total++;
        }
        return total == 0 ? 0 : (double) correct / total;
    }

    /** Whether the reference counts this episode correct (in whichever category it falls). */
    public static boolean isCorrect(Outcome o, Target target) {
        String t = o.type();
        if (t.equals("INSERT") || t.equals("DELETE") || t.equals("UPDATE")) {
            return target instanceof Target.Md5 md5 ? o.answer().equals(md5.text()) : false;
        }
        List<PyValue> cor = switch (target) {
            case Target.Label l -> l.items();
            // A text target compared as a sequence of its characters, as Python would.
            case Target.Md5 m -> PythonOps.list(new PyStr(m.text())).orElseThrow();
        };
        List<PyValue> ans = answerItems(o.answer());
        if (ans.size() == 1 && cor.size() == 1) {
            Optional<Double> a;
            Optional<Double> c;
            try {
                a = PythonOps.toFloat(ans.getFirst());
                c = PythonOps.toFloat(cor.getFirst());
            } catch (ArithmeticException overflow) {
                return false; // OverflowError escapes the reference's except clause; nothing is counted right
            }
            if (a.isPresent() && c.isPresent()) return a.get().doubleValue() == c.get().doubleValue();
            return PythonOps.pyEquals(ans.getFirst(), cor.getFirst());
        }
        return PythonOps.setEquals(ans, cor).orElse(false);
    }

    /** {@code list(eval(ans))}, or {@code [ans]} where that raises. */
    static List<PyValue> answerItems(String answer) {
        Optional<PyValue> v = PythonLiteral.eval(answer);
        if (v.isPresent()) {
            Optional<List<PyValue>> items = PythonOps.list(v.get());
            if (items.isPresent()) return new ArrayList<>(items.get());
        }
        return List.of(new PyStr(answer));
    }
}
