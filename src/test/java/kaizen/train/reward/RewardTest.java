package kaizen.train.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kaizen.core.python.PyList;
import kaizen.core.python.PythonRepr;
import kaizen.data.gen.dbbench.DbBenchFactory;
import kaizen.env.household.Family;
import kaizen.env.household.Planner;
import kaizen.env.household.World;
import kaizen.harness.dbbench.DbBenchEpisode;
import kaizen.harness.dbbench.DbBenchScoring;
import kaizen.harness.dbbench.DbBenchTask;
import kaizen.harness.household.HouseholdSplit;
import kaizen.harness.household.HouseholdTask;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** The reward components on real worlds and on real synthetic DB tasks played on the embedded MariaDB. */
class RewardTest {
    private static final long RUN_SEED = HouseholdSplit.TRAIN.runSeed(7);

    @Test
    void householdProgressClimbsAlongThePlannersSolutionAndSuccessIsTheWorldsGoal() {
        for (int slot = 0; slot < 12; slot++) { // two worlds of each family
            HouseholdTask task = HouseholdTask.slot(RUN_SEED, slot);
            World w = task.world();
            double start = HouseholdReward.progress(w);
            assertTrue(start < 1.0, "slot " + slot + " starts unsolved");
            assertEquals(0.0, HouseholdReward.of(w, 0.5).reward(), 0.5 * start + 1e-12);
            Planner planner = new Planner(w, false);
            double best = start;
            List<Double> seen = new ArrayList<>();
            for (Optional<Planner.Move> m = planner.next(); m.isPresent() && !w.goalMet(); m = planner.next()) {
                w.step(m.get().command());
                if (!w.goalMet()) {
                    best = Math.max(best, HouseholdReward.progress(w));
                    seen.add(HouseholdReward.progress(w));
                }
            }
            assertTrue(w.goalMet(), "the planner solves slot " + slot);
            EpisodeReward done = HouseholdReward.of(w, 0.5);
            assertEquals(new EpisodeReward(1.0, true, 1.0), done);
            assertTrue(best > start && best < 1.0, "slot " + slot + " (" + task.family() + ") earns partial credit on the way: " + seen);
        }
    }

    @Test
    void examineUnderLightCreditsCarryingTheThingAndStandingAtALight() {
        HouseholdTask task = HouseholdTask.slot(RUN_SEED, Family.EXAMINE_UNDER_LIGHT.ordinal());
        assertEquals(Family.EXAMINE_UNDER_LIGHT, task.family());
        World w = task.world();
        assertEquals(0.0, HouseholdReward.progress(w));
        Planner planner = new Planner(w, false);
        while (w.carried().isEmpty()) w.step(planner.next().orElseThrow().command());
        double carrying = HouseholdReward.progress(w);
        assertTrue(carrying == 1.0 / 3 || carrying == 2.0 / 3, "carrying, perhaps at a light, not yet lit: " + carrying);
        while (!w.goalMet()) w.step(planner.next().orElseThrow().command());
        assertEquals(1.0, HouseholdReward.progress(w));
    }

    @Test
    void partialCreditNeverReachesASuccessesReward() {
        EpisodeReward almost = EpisodeReward.of(false, 1.0, 0.5);
        assertEquals(0.5, almost.reward());
        assertFalse(almost.success());
        assertEquals(1.0, EpisodeReward.of(true, 0.2, 0.5).reward());
    }

    /** Answers every task at once with a fixed final answer. */
    private static ChatModel answering(String answer) {
        return messages -> new ModelReply.Text("Action: Answer\nFinal Answer: " + answer);
    }

    @Test
    void dbRewardIsOneForTheExecutedResultOrHashAndPartialForOverlappingAnswers() throws Exception {
        var env = TestDatabase.environment();
        DbBenchEpisode episode = new DbBenchEpisode(env, DbBenchEpisode.DEFAULT_MAX_ROUND);
        int selects = 0, mutations = 0;
        for (int slot = 0; slot < 24 && (selects < 2 || mutations < 2); slot++) {
            DbBenchTask task = DbBenchFactory.slot(env, 11, slot).item().task();
            var oracle = episode.run(task, new kaizen.harness.dbbench.DbBenchOracle(task));
            EpisodeReward right = DbReward.of(new DbBenchScoring.Outcome(oracle.type(), oracle.answer()), task.target(), 0.5);
            assertEquals(new EpisodeReward(1.0, true, 1.0), right, "the gold play of slot " + slot);
            var wrong = episode.run(task, answering("['certainly not this']"));
            EpisodeReward zero = DbReward.of(new DbBenchScoring.Outcome(wrong.type(), wrong.answer()), task.target(), 0.5);
            assertEquals(0.0, zero.reward(), "slot " + slot);
            if (task.isMutation()) {
                mutations++; // a table left untouched has the wrong hash: nothing for closeness
                continue;
            }
            selects++;
            List<kaizen.core.python.PyValue> label = task.label();
            if (label.size() < 2) continue;
            List<kaizen.core.python.PyValue> half = new ArrayList<>(label.subList(0, 1));
            half.add(new kaizen.core.python.PyStr("an extra wrong item"));
            var partial = episode.run(task, answering(PythonRepr.repr(new PyList(half))));
            EpisodeReward p = DbReward.of(new DbBenchScoring.Outcome(partial.type(), partial.answer()), task.target(), 0.5);
            assertFalse(p.success());
            double f1 = 2 * 0.5 * (1.0 / label.size()) / (0.5 + 1.0 / label.size());
            assertEquals(f1, p.progress(), 1e-9, "slot " + slot + " label " + label);
        }
        assertTrue(selects >= 2 && mutations >= 2, "both kinds seen: " + selects + " selects, " + mutations + " mutations");
    }

    @Test
    void overlapMatchesNumbersAsNumbersAndEachItemOnce() {
        var items = DbReward.items("[1, 2.0, 'x', 'x']");
        assertEquals(1.0, DbReward.overlap(items, DbReward.items("[1.0, 2, 'x', 'x']")), 1e-12);
        assertEquals(2 * (1.0 / 4) * (1.0 / 1) / (1.0 / 4 + 1.0), DbReward.overlap(items, DbReward.items("['x']")), 1e-12);
        assertEquals(0.0, DbReward.overlap(items, List.of()));
        assertEquals(1.0, DbReward.overlap(DbReward.items("plain text"), DbReward.items("['plain text']")), 1e-12);
    }
}
