package kaizen.harness.dbbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.core.Json;
import kaizen.harness.dbbench.DbBenchScoring.Label;
import kaizen.harness.dbbench.DbBenchScoring.Md5;
import kaizen.harness.dbbench.DbBenchScoring.Outcome;
import kaizen.harness.dbbench.DbBenchScoring.Target;
import org.junit.jupiter.api.Test;

/**
 * DbBenchScoring against the reference calculate_overall run in CPython 3.11 by
 * src/test/python/gen_dbbench_golden.py: every episode's correctness and every metric of every
 * batch, doubles compared exactly.
 */
class DbBenchScoringGoldenTest {

    private static JsonNode golden() throws Exception {
        Path file = Path.of(DbBenchScoringGoldenTest.class.getResource("/golden/dbbench/calculate_overall.json").toURI());
        return Json.parse(Files.readString(file));
    }

    private static Outcome outcome(JsonNode c) {
        return c.isNull() ? null : new Outcome(c.get("type").isNull() ? null : c.get("type").textValue(),
                c.get("answer").isNull() ? null : c.get("answer").textValue());
    }

    private static Target target(JsonNode c) {
        if (c.isNull()) return new Md5("unused: the outcome is missing");
        JsonNode t = c.get("target");
        return t.has("md5") ? new Md5(t.get("md5").textValue()) : Label.fromJson(t.get("label"));
    }

    @Test
    void everyEpisodeIsJudgedLikeTheReference() throws Exception {
        JsonNode cases = golden().get("cases");
        List<String> wrong = new ArrayList<>();
        int judged = 0;
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            if (c.isNull()) continue;
            judged++;
            boolean expected = c.get("correct").booleanValue();
            if (DbBenchScoring.isCorrect(outcome(c), target(c)) != expected) {
                wrong.add("case " + i + " " + c + ": reference says " + expected);
            }
        }
        assertTrue(judged > 300);
        assertTrue(wrong.isEmpty(), wrong.size() + " differ:\n" + String.join("\n", wrong.subList(0, Math.min(30, wrong.size()))));
    }

    @Test
    void metricsMatchTheReferenceExactly() throws Exception {
        JsonNode root = golden();
        JsonNode cases = root.get("cases");
        int batches = 0;
        for (JsonNode batch : root.get("batches")) {
            List<Outcome> outcomes = new ArrayList<>();
            List<Target> targets = new ArrayList<>();
            for (JsonNode index : batch.get("indices")) {
                JsonNode c = cases.get(index.asInt());
                outcomes.add(outcome(c));
                targets.add(target(c));
            }
            LinkedHashMap<String, Double> actual = DbBenchScoring.customMetrics(outcomes, targets);
            List<String> expectedKeys = new ArrayList<>();
            batch.get("metrics").fieldNames().forEachRemaining(expectedKeys::add);
            assertEquals(expectedKeys, new ArrayList<>(actual.keySet()), "keys in the reference's order");
            for (Map.Entry<String, JsonNode> e : batch.get("metrics").properties()) {
                double expected = Double.parseDouble(e.getValue().textValue());
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual.get(e.getKey())),
                        "batch " + batches + " " + e.getKey() + ": reference " + e.getValue().textValue() + ", got " + actual.get(e.getKey()));
            }
            batches++;
        }
        assertTrue(batches > 40);
    }
}
