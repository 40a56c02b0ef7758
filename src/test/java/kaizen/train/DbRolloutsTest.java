package kaizen.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kaizen.core.KaizenException;
import kaizen.data.gen.dbbench.DbBenchFactory;
import kaizen.harness.FinishStatus;
import kaizen.harness.dbbench.DbBenchOracle;
import kaizen.harness.dbbench.DbBenchScoring;
import kaizen.harness.dbbench.DbBenchTask;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GRPO's DB prompts: synthetic tasks from the generator (one per DBBench query type), played on
 * the embedded MariaDB through the harness's DBBench loop and scored by DBBench's own check.
 */
class DbRolloutsTest {
    @TempDir
    static Path dir;

    private static Path tasksFile;
    private static List<DbBenchTask> tasks;

    @BeforeAll
    static void generate() {
        // 11 slots: one task of each query type; the last four (AVG, INSERT, UPDATE, DELETE) are held out.
        var result = DbBenchFactory.generate(TestDatabase.environment(), new DbBenchFactory.Settings(11, 5, 2, false));
        DbBenchFactory.write(result, dir);
        tasksFile = dir.resolve(DbBenchFactory.TASKS_FILE);
        tasks = DbBenchTask.load(tasksFile);
    }

    private static DbRollouts rollouts() {
        return new DbRollouts(tasksFile, TestDatabase.environment(), 4, 15, 0.5);
    }

    @Test
    void theLastTasksAreHeldOutAndTheTrainingStreamCyclesOverTheRest() {
        DbRollouts r = rollouts();
        List<String> heldOut = r.heldOut().stream().map(RolloutTasks.Task::id).toList();
        assertEquals(List.of("dbbench-7", "dbbench-8", "dbbench-9", "dbbench-10"), heldOut);
        assertEquals(List.of("aggregation-AVG", "INSERT", "UPDATE", "DELETE"), r.heldOut().stream().map(RolloutTasks.Task::kind).toList());
        Set<String> trained = new HashSet<>();
        for (long k = 0; k < 21; k++) {
            String id = r.training(k).id();
            assertEquals(id, r.training(k + 7).id(), "task k is task k mod 7");
            trained.add(id);
        }
        assertEquals(7, trained.size());
        assertTrue(trained.stream().noneMatch(heldOut::contains));
    }

    @Test
    void theGoldAgentSucceedsOnEveryHeldOutTaskMutationsIncluded() throws Exception {
        DbRollouts r = rollouts();
        for (int i = 0; i < 4; i++) {
            DbBenchTask task = tasks.get(7 + i);
            RolloutTasks.Played played = r.heldOut().get(i).play(new DbBenchOracle(task));
            assertTrue(played.reward().success(), task.type());
            assertEquals(1.0, played.reward().reward());
            assertEquals(FinishStatus.COMPLETED.text(), played.status());
            assertEquals(7 + i, played.record().index());
        }
    }

    @Test
    void aWrongAnswerEarnsNoSuccessAndAMutationNotDoneEarnsNothing() throws Exception {
        DbRollouts r = rollouts();
        ChatModel emptyAnswer = messages -> new ModelReply.Text("Action: Answer\nFinal Answer: []");
        RolloutTasks.Played select = r.heldOut().get(0).play(emptyAnswer);
        assertFalse(select.reward().success());
        assertEquals(0.0, select.reward().reward());
        // The reference keeps what follows "Final Answer:" as it stands, leading space included.
        assertEquals(" []", select.record().resultText("answer"));
        RolloutTasks.Played insert = r.heldOut().get(1).play(emptyAnswer);
        assertFalse(insert.reward().success(), "the table's hash is not the expected one");
        assertEquals(0.0, insert.reward().reward());
    }

    /** Episodes come in any order (sampled evaluations); each is scored against the task it played. */
    @Test
    void heldOutMetricsScoreEachEpisodeAgainstItsOwnTaskAsTheEvaluationDoes() throws Exception {
        DbRollouts r = rollouts();
        List<Integer> taskOf = List.of(3, 2, 1, 0, 0);
        List<EpisodeRecord> episodes = new ArrayList<>();
        for (int p : taskOf) episodes.add(r.heldOut().get(p).play(new DbBenchOracle(tasks.get(7 + p))).record());
        episodes.set(4, r.heldOut().get(0).play(messages -> new ModelReply.Text("Action: Answer\nFinal Answer: []")).record());
        Map<String, Object> metrics = r.heldOutMetrics(taskOf, episodes, "policy", Map.of("step", 3));
        assertEquals(5, metrics.get("total"));
        var kaizen = (Map<?, ?>) metrics.get("kaizen");
        assertEquals(List.of("policy", 15, 3), List.of(kaizen.get("agent"), kaizen.get("max_round"), kaizen.get("step")));
        var score = (Map<?, ?>) metrics.get("custom");
        // the four gold episodes right, the fifth (task 0, AVG) wrong; SELECT counts AVG and DELETE
        assertEquals(0.5, score.get("aggregation-AVG_accuracy"));
        assertEquals(1.0, score.get("INSERT_accuracy"));
        assertEquals(1.0, score.get("UPDATE_accuracy"));
        assertEquals(2.0 / 3, (Double) score.get("SELECT_accuracy"), 1e-12);
        assertEquals((2.0 / 3 + 1 + 1) / 3, (Double) score.get(DbBenchScoring.OVERALL), 1e-12);
    }

    @Test
    void aFileTooSmallToHoldOutIsRefusedNamingIt() {
        var e = assertThrows(KaizenException.class, () -> new DbRollouts(tasksFile, TestDatabase.environment(), 11, 15, 0.5));
        assertTrue(e.getMessage().contains(tasksFile.toString()) && e.getMessage().contains("11 tasks"), e.getMessage());
    }
}
