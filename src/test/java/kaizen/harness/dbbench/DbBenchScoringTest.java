package kaizen.harness.dbbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import kaizen.core.Json;
import kaizen.harness.dbbench.DbBenchScoring.Label;
import kaizen.harness.dbbench.DbBenchScoring.Md5;
import kaizen.harness.dbbench.DbBenchScoring.Outcome;
import kaizen.harness.dbbench.DbBenchScoring.Target;
import org.junit.jupiter.api.Test;

/** The reference's quirks, one by one. */
class DbBenchScoringTest {

    private static Label label(String json) throws Exception {
        return Label.fromJson(Json.parse(json));
    }

    private static boolean correct(String type, String answer, Target target) {
        return DbBenchScoring.isCorrect(new Outcome(type, answer), target);
    }

    @Test
    void queryAnswers() throws Exception {
        assertTrue(correct("counting", " [\"5\"]", label("[\"5\"]")));
        assertTrue(correct("counting", " 5", label("[\"5.0\"]")), "both sides convert to float");
        assertFalse(correct("counting", " [(5,)]", label("[\"5\"]")), "a tuple does not convert to float");
        assertTrue(correct("other", " ['b', 'a', 'a']", label("[\"a\", \"b\"]")), "compared as sets");
        assertFalse(correct("other", " [['a'], ['b']]", label("[\"a\", \"b\"]")), "unhashable items: never correct");
        assertTrue(correct("other", " abc", label("[\" abc\"]")), "eval fails: the raw answer, leading space kept");
        assertTrue(correct("other", " 'abc'", label("[\"a\", \"b\", \"c\"]")), "list() of a str gives its characters");
        assertTrue(correct("other", " [' 5 ']", label("[\"5\"]")), "float() strips whitespace");
        assertFalse(correct("other", " ' 5 '", label("[\"5\"]")), "a str answer is a list of characters");
        assertFalse(correct("other", " nan", label("[\"nan\"]")), "nan is never equal");
        assertTrue(correct("other", null, label("[null]")), "no answer is None, which equals a null label");
    }

    @Test
    void hashAnswers() {
        Md5 md5 = new Md5("0123456789abcdef0123456789abcdef");
        assertTrue(correct("INSERT", "0123456789abcdef0123456789abcdef", md5));
        assertFalse(correct("UPDATE", " 0123456789abcdef0123456789abcdef", md5), "compared verbatim");
        assertTrue(correct("DELETE", "0123456789abcdef0123456789abcdef", md5));
        assertFalse(correct("DELETE", null, md5));
    }

    @Test
    void metricsKeysAndDeleteCountingAsSelect() throws Exception {
        Md5 md5 = new Md5("h");
        List<Outcome> outcomes = List.of(new Outcome("DELETE", "h"), new Outcome("counting", " 1"),
                new Outcome("INSERT", "x"), new Outcome("UPDATE", "h"));
        List<Target> targets = List.of(md5, label("[\"2\"]"), md5, md5);
        LinkedHashMap<String, Double> m = DbBenchScoring.customMetrics(outcomes, targets);
        List<String> keys = new ArrayList<>();
        for (String t : DbBenchScoring.TYPES) keys.add(t + "_accuracy");
        keys.add("overall_cat_accuracy");
        assertEquals(keys, new ArrayList<>(m.keySet()));
        assertEquals(0.5, m.get("SELECT_accuracy"), "DELETE (right) and counting (wrong)");
        assertEquals(0.0, m.get("counting_accuracy"));
        assertEquals(0.0, m.get("other_accuracy"), "no results of the type: 0");
        assertEquals(0.0, m.get("INSERT_accuracy"));
        assertEquals(1.0, m.get("UPDATE_accuracy"));
        assertEquals(0.5, m.get("overall_cat_accuracy"));
    }

    @Test
    void missingResultsAreSkippedAndListsZipToTheShorter() throws Exception {
        List<Outcome> outcomes = Arrays.asList(null, new Outcome("other", " 1"), new Outcome("other", " 1"));
        List<Target> targets = List.of(label("[\"1\"]"), label("[\"1\"]"));
        assertEquals(1.0, DbBenchScoring.customMetrics(outcomes, targets).get("other_accuracy"));
    }

    @Test
    void answersTheReferenceCrashesOnThrow() throws Exception {
        String huge = "1" + "0".repeat(400);
        assertThrows(ArithmeticException.class, () -> correct("other", " [" + huge + "]", label("[\"1\"]")));
        assertTrue(correct("other", " " + huge, label("[\"1e400\"]")), "as a str it converts to inf, no crash");
    }
}
