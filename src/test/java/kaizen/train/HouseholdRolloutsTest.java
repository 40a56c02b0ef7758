package kaizen.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import kaizen.core.Json;
import kaizen.harness.FinishStatus;
import kaizen.harness.household.HouseholdEpisode;
import kaizen.harness.household.HouseholdEval;
import kaizen.harness.household.HouseholdOracle;
import kaizen.harness.household.HouseholdPrompt;
import kaizen.harness.household.HouseholdSplit;
import kaizen.harness.household.HouseholdTask;
import kaizen.harness.model.ModelReply;
import kaizen.harness.runner.EpisodeRecord;
import org.junit.jupiter.api.Test;

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

    /** The household evaluation's custom block: the overall success of the episodes given. */
    @Test
    void heldOutScoreIsTheOverallSuccessOfTheEpisodes() throws Exception {
        HouseholdRollouts rollouts = new HouseholdRollouts(2, 1, 3, 30, 0.5);
        List<HouseholdTask> worlds = HouseholdTask.of(HouseholdSplit.HELD_OUT, 1, 3);
        List<EpisodeRecord> episodes = new ArrayList<>();
        for (int p = 0; p < 2; p++) episodes.add(rollouts.heldOut().get(p).play(new HouseholdOracle(worlds.get(p))).record());
        episodes.add(rollouts.heldOut().get(2).play(messages -> new ModelReply.Text("I am not sure.")).record());
        var score = rollouts.heldOutScore(List.of(0, 1, 2), episodes);
        assertEquals(java.util.Set.of("overall"), score.keySet());
        var overall = Json.parse(Json.write(score)).path("overall");
        assertEquals(List.of(3, 2, 1), List.of(overall.path("total").asInt(), overall.path("pass").asInt(), overall.path("wrong").asInt()));
        assertEquals(2.0 / 3, overall.path("success_rate").asDouble(), 1e-12);
    }
}
