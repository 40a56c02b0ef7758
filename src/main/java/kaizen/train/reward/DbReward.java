package kaizen.train.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kaizen.core.python.PyStr;
import kaizen.core.python.PyValue;
import kaizen.core.python.PythonLiteral;
import kaizen.core.python.PythonOps;
import kaizen.harness.dbbench.DbBenchScoring;

/**
 * The DB reward: success is DBBench's own check ({@link DbBenchScoring#isCorrect}: the executed
 * answer equals the label, or for INSERT/DELETE/UPDATE the table's hash after the episode equals
 * the expected hash). Progress, for answers that are not right, is the overlap of the answer's
 * items with the label's (F1 of matched items, numbers compared as numbers); a wrong table hash
 * earns nothing, since a hash says nothing about how close the table is.
 */
public final class DbReward {
    private DbReward() {}

    public static EpisodeReward of(DbBenchScoring.Outcome outcome, DbBenchScoring.Target target, double partialWeight) {
        boolean correct;
        try {
            correct = DbBenchScoring.isCorrect(outcome, target);
        } catch (ArithmeticException e) {
            correct = false; // where the reference crashes, the episode earns nothing
        }
        if (correct) return EpisodeReward.of(true, 1.0, partialWeight);
        if (!(target instanceof DbBenchScoring.Label label) || outcome.answer() == null || outcome.answer().isEmpty()) {
            return EpisodeReward.of(false, 0.0, partialWeight);
        }
        return EpisodeReward.of(false, overlap(items(outcome.answer()), label.items()), partialWeight);
    }

    /** The answer's items as the scorer reads them: a Python literal list, or the answer as one string. */
    static List<PyValue> items(String answer) {
        return PythonLiteral.eval(answer).flatMap(PythonOps::list).orElse(List.of(new PyStr(answer)));
    }

    /** F1 of a one-to-one matching of equal items. */
    static double overlap(List<PyValue> answer, List<PyValue> label) {
        if (answer.isEmpty() || label.isEmpty()) return 0;
        List<PyValue> left = new ArrayList<>(label);
        int matched = 0;
        for (PyValue a : answer) {
            for (int i = 0; i < left.size(); i++) {
                if (same(a, left.get(i))) {
                    left.remove(i);
                    matched++;
                    break;
                }
            }
        }
        if (matched == 0) return 0;
        double precision = (double) matched / answer.size();
        double recall = (double) matched / label.size();
        return 2 * precision * recall / (precision + recall);
    }

    private static boolean same(PyValue a, PyValue b) {
        Optional<Double> x = PythonOps.toFloat(a);
        Optional<Double> y = PythonOps.toFloat(b);
        if (x.isPresent() && y.isPresent()) return x.get().doubleValue() == y.get().doubleValue();
        return PythonOps.pyEquals(a, b);
    }
}
