package kaizen.data.negatives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import kaizen.data.build.Protocol;
import kaizen.data.gen.dbbench.DbBenchFactory;
import kaizen.data.gen.dbbench.DbBenchReplay;
import kaizen.data.gen.household.HouseholdFactory;
import kaizen.data.gen.household.HouseholdReplay;
import kaizen.harness.dbbench.DbBenchTask;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Negatives derived from real generator runs, checked on the real database and the real worlds:
 * no trained turn is ever bad, every recovery example replays, every bad turn is bad.
 */
class NegativesTest {
    @TempDir
    static Path dir;

    private static DbBenchFactory.Result db;
    private static Negatives.Result dbNegatives;
    private static List<Trajectory> householdExperts;
    private static Negatives.Result householdNegatives;

    @BeforeAll
    static void derive() {
        db = DbBenchFactory.generate(TestDatabase.environment(), new DbBenchFactory.Settings(66, 3, 3, false));
        DbBenchFactory.write(db, dir);
        Negatives.Settings s = new Negatives.Settings(7, 0.6, false);
        dbNegatives = Negatives.dbbench(TestDatabase.environment(), dir.resolve(DbBenchFactory.TASKS_FILE),
                db.items().stream().map(DbBenchFactory.Item::trajectory).toList(), s);
        householdExperts = new ArrayList<>(HouseholdFactory.generate(new HouseholdFactory.Settings(60, 4, false, true, false)).trajectories());
        householdExperts.addAll(HouseholdFactory.generate(new HouseholdFactory.Settings(60, 5, true, true, false)).trajectories());
        householdNegatives = Negatives.household(householdExperts, s);
    }

    private static List<Trajectory> all() {
        List<Trajectory> out = new ArrayList<>(dbNegatives.trajectories());
        out.addAll(householdNegatives.trajectories());
        return out;
    }

    private static Protocol protocol(Trajectory t) {
        return t.messages().getFirst().content().contains("MySQL") ? Protocol.DBBENCH : Protocol.REACT;
    }

    @Test
    void noTrainedTurnOfAnyNegativeExampleBreaksTheProtocolOrWritesAnObservation() {
        for (Trajectory t : all()) {
            Protocol p = protocol(t);
            Optional<String> problem = t.outcome().success() ? p.problem(t.messages(), t.untrained()) : p.rejectedProblem(t.messages(), t.untrained());
            assertEquals(Optional.empty(), problem, t.taskId() + " " + t.metadata());
            int end = t.outcome().success() ? t.messages().size() : t.messages().size() - 1; // a rejected candidate's last reply is the bad one
            for (int i = 0; i < end; i++) {
                Message m = t.messages().get(i);
                if (m.role() != Role.ASSISTANT || !t.trained(i)) continue;
                assertFalse(m.content().contains("\nObservation:") || m.content().contains("\nOBSERVATION:"), t.taskId() + " turn " + i);
            }
        }
    }

    @Test
    void everyRecoveryExampleKeepsItsBadTurnUntrainedAndReplaysInItsEnvironment() {
        List<DbBenchTask> tasks = DbBenchTask.load(dir.resolve(DbBenchFactory.TASKS_FILE));
        int checked = 0;
        for (Trajectory t : dbNegatives.trajectories()) {
            if (!t.outcome().success()) continue;
            int k = Integer.parseInt(t.metadata().get("negative_turn"));
            assertFalse(t.trained(k), t.taskId());
            int slot = indexOf(t.metadata().get("derived_from"));
            assertTrue(DbBenchReplay.replay(TestDatabase.environment(), tasks.get(slot), t).sound(), t.taskId());
            if (t.metadata().get("negative").equals("invalid/unknown-column")) {
                assertTrue(t.messages().get(k + 1).content().startsWith("1054 (42S22): Unknown column"), t.messages().get(k + 1).content());
            }
            checked++;
        }
        for (Trajectory t : householdNegatives.trajectories()) {
            if (!t.outcome().success()) continue;
            assertFalse(t.trained(Integer.parseInt(t.metadata().get("negative_turn"))), t.taskId());
            assertTrue(HouseholdReplay.sound(t), t.taskId());
            checked++;
        }
        assertTrue(checked >= 40, "recovery examples: " + checked);
    }

    @Test
    void rejectedCandidatesEndInTheirBadTurnAtTheExpertsPrompt() {
        for (Trajectory t : all()) {
            if (t.outcome().success()) continue;
            int k = t.messages().size() - 1;
            String kind = t.metadata().get("negative");
            assertEquals(Integer.toString(k), t.metadata().get("negative_turn"));
            assertEquals(Role.USER, t.messages().get(k - 1).role());
            if (kind.startsWith("format/")) {
                Optional<String> problem = protocol(t).problem(t.messages(), Set.of());
                assertTrue(problem.isPresent() && !problem.get().contains("ends without an answer"), kind + " " + t.messages().get(k).content());
            }
            if (kind.startsWith("hallucination/observation")) assertTrue(t.messages().get(k).content().toLowerCase().contains("\nobservation: "));
        }
    }

    @Test
    void everyKindOccursAndEveryExpertGivesOneRejectedCandidate() {
        assertEquals(db.items().size(), dbNegatives.rejected());
        assertEquals(householdExperts.size(), householdNegatives.rejected());
        for (String kind : List.of("format/two-actions", "format/no-action-line", "format/sql-outside-block", "format/prose",
                "hallucination/observation", "hallucination/unseen-result", "invalid/unknown-column")) {
            assertTrue(dbNegatives.rejectedPerKind().containsKey(kind), "dbbench " + kind + " in " + dbNegatives.rejectedPerKind());
        }
        for (String kind : List.of("format/two-actions", "format/no-action", "format/prose", "hallucination/observation", "invalid/not-available")) {
            assertTrue(householdNegatives.rejectedPerKind().containsKey(kind), "household " + kind + " in " + householdNegatives.rejectedPerKind());
        }
        assertTrue(dbNegatives.recoveryPerKind().keySet().containsAll(List.of("invalid/unknown-column", "hallucination/observation")),
                dbNegatives.recoveryPerKind().toString());
        assertTrue(householdNegatives.recoveryPerKind().keySet().containsAll(List.of("invalid/not-available", "hallucination/observation")),
                householdNegatives.recoveryPerKind().toString());
    }

    @Test
    void sameInputSameNegatives() {
        Negatives.Result again = Negatives.household(householdExperts, new Negatives.Settings(7, 0.6, false));
        assertEquals(householdNegatives.trajectories(), again.trajectories());
    }

    private static int indexOf(String taskId) {
        for (int i = 0; i < db.items().size(); i++) {
            if (db.items().get(i).trajectory().taskId().equals(taskId)) return i;
        }
        throw new AssertionError("no expert " + taskId);
    }
}
