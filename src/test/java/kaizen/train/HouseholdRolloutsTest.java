package kaizen.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kaizen.core.Json;
import kaizen.core.Jsonl;
import kaizen.harness.FinishStatus;
import kaizen.harness.household.HouseholdEpisode;
import kaizen.harness.household.HouseholdEval;
import kaizen.harness.household.HouseholdOracle;
import kaizen.harness.household.HouseholdPrompt;
import kaizen.harness.household.HouseholdSplit;
import kaizen.harness.household.HouseholdTask;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.harness.runner.EvalReport;
import kaizen.report.Benchmark;
import kaizen.report.RunData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HouseholdRolloutsTest {
    /**
     * Held-out worlds played by the planner: each scores success with full progress, and its record
     * is the one {@code kaizen eval household} writes for the same world and player.
     */
    @Test
    void heldOutEpisodesAreScoredAndRecordedAsTheEvaluationRecordsThem() throws Exception {
        HouseholdRollouts rollouts = new HouseholdRollouts(2, 1, 3, 30, 0.5);
        List<HouseholdTask> worlds = HouseholdTask.of(HouseholdSplit.HELD_OUT, 1, 3);
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RolloutTasks.Task task = rollouts.heldOut().get(i);
            RolloutTasks.Played played = task.play(new HouseholdOracle(worlds.get(i)));
            assertTrue(played.reward().success(), task.id());
            assertEquals(1.0, played.reward().reward());
            assertEquals(FinishStatus.COMPLETED.text(), played.status());
            assertEquals(worlds.get(i).id(), played.record().resultText("task_id"));
            assertEquals(i, played.record().index());
            records.add(played.record().toJson());
        }
        for (int i = 0; i < 3; i++) {
            var eval = HouseholdEval.play(new HouseholdEpisode(HouseholdPrompt.DEFAULT, 30), i, worlds.get(i), new HouseholdOracle(worlds.get(i)));
            var mine = (java.util.Map<?, ?>) records.get(i);
            var theirs = new java.util.LinkedHashMap<>(eval.toJson());
            theirs.put("elapsed_ms", mine.get("elapsed_ms"));
            assertEquals(Json.write(theirs), Json.write(mine));
        }
    }

    /**
     * Sampled held-out episodes (sample k of world p is episode 3k + p) make the metrics.json the
     * household evaluation writes: success overall and per family, read back as a household run.
     */
    @Test
    void heldOutMetricsAreTheHouseholdEvaluationsAndReadBackAsAHouseholdRun(@TempDir Path dir) throws Exception {
        HouseholdRollouts rollouts = new HouseholdRollouts(2, 1, 3, 30, 0.5);
        List<HouseholdTask> worlds = HouseholdTask.of(HouseholdSplit.HELD_OUT, 1, 3);
        List<Integer> taskOf = List.of(0, 1, 2, 0, 1, 2);
        List<EpisodeRecord> episodes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int p = taskOf.get(i);
            ChatModel player = i == 5 ? messages -> new ModelReply.Text("I am not sure.") : new HouseholdOracle(worlds.get(p));
            episodes.add(rollouts.heldOut().get(p).play(player).record().withIndex(i));
        }
        Map<String, Object> metrics = rollouts.heldOutMetrics(taskOf, episodes, "policy step 4", Map.of("step", 4));
        var json = Json.parse(Json.write(metrics));
        assertEquals(List.of(6, 5, 1), List.of(json.path("custom").path("overall").path("total").asInt(),
                json.path("custom").path("overall").path("pass").asInt(), json.path("custom").path("overall").path("wrong").asInt()));
        var perFamily = json.path("kaizen").path("per_family");
        assertEquals(2, perFamily.path(worlds.get(0).family().wireName()).path("total").asInt());
        assertEquals(1, perFamily.path(worlds.get(2).family().wireName()).path("pass").asInt(), "world 2 won once of twice");
        assertEquals(List.of("held-out", "1", "30", "4"), List.of(json.path("kaizen").path("split").asText(),
                json.path("kaizen").path("seed").asText(), json.path("kaizen").path("max_step").asText(), json.path("kaizen").path("step").asText()));

        Jsonl.writeAll(dir.resolve("episodes.jsonl"), episodes.stream().map(EpisodeRecord::toJson).toList());
        EvalReport.writeMetrics(dir, metrics);
        RunData run = RunData.read(dir);
        assertEquals(Benchmark.HOUSEHOLD, run.benchmark());
        assertEquals("policy step 4", run.agent());
        assertEquals(Optional.of(5.0 / 6), run.agentBenchScore());
    }
}
