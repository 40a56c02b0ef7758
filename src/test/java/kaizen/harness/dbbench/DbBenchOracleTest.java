package kaizen.harness.dbbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kaizen.harness.FinishStatus;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle on AgentBench's 60 dev tasks: every metric is 1.0 and, for every mutation task,
 * the hash after the gold SQL equals the stored answer_md5 — which holds only if the table
 * build and the hash query match the reference byte for byte.
 */
class DbBenchOracleTest {
    @TempDir
    Path out;

    @Test
    @SuppressWarnings("unchecked")
    void oracleScoresOneOnEveryMetricAndReproducesEveryHash() {
        List<DbBenchTask> tasks = DbBenchTask.load(TestDatabase.sharedData("dbbench/dev.jsonl"));
        assertEquals(60, tasks.size());
        var outcome = DbBenchEval.run(tasks, TestDatabase.environment(), DbBenchOracle::new,
                new DbBenchEval.Settings(out, 8, DbBenchEpisode.DEFAULT_MAX_ROUND, false, "oracle"));
        Map<Integer, EpisodeRecord> records = outcome.summary().records();
        assertEquals(60, records.size());
        int mutations = 0;
        for (DbBenchTask t : tasks) {
            EpisodeRecord r = records.get(t.index());
            assertEquals(FinishStatus.COMPLETED, r.status(), "task " + t.index());
            if (t.isMutation()) {
                mutations++;
                assertEquals(t.answerMd5().orElseThrow(), r.resultText("answer"), "hash of task " + t.index());
            }
            assertTrue(r.correct(), "task " + t.index());
        }
        assertEquals(40, mutations);
        Map<String, Object> custom = (Map<String, Object>) outcome.metrics().get("custom");
        assertEquals(12, custom.size());
        for (var e : custom.entrySet()) assertEquals(1.0, ((Number) e.getValue()).doubleValue(), e.getKey());
        assertEquals(60, outcome.metrics().get("total"));
    }
}
