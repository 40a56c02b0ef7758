package kaizen.data.gen.dbbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import kaizen.harness.dbbench.DbBenchPrompt;
import kaizen.harness.dbbench.DbBenchTask;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small run on the real embedded database: determinism, file formats, replays, error-recovery turns. */
class DbBenchFactoryTest {
    private static final int COUNT = 22;
    private static DbBenchFactory.Result run;
    private static DbBenchFactory.Result more;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        run = DbBenchFactory.generate(TestDatabase.environment(), new DbBenchFactory.Settings(COUNT, 11, 3, false));
        // Enough slots that both kinds of mistake and every kind of awkward table occur.
        more = DbBenchFactory.generate(TestDatabase.environment(), new DbBenchFactory.Settings(44, 5, 3, false));
    }

    @Test
    void sameSeedGivesSameBytesWhateverTheConcurrency() throws Exception {
        DbBenchFactory.write(run, dir.resolve("a"));
        DbBenchFactory.Result again = DbBenchFactory.generate(TestDatabase.environment(), new DbBenchFactory.Settings(COUNT, 11, 1, false));
        DbBenchFactory.write(again, dir.resolve("b"));
        for (String f : List.of(DbBenchFactory.TASKS_FILE, Trajectory.FILE_NAME)) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
        DbBenchFactory.Result other = DbBenchFactory.generate(TestDatabase.environment(), new DbBenchFactory.Settings(2, 12, 1, false));
        assertFalse(other.items().getFirst().taskJson().equals(run.items().getFirst().taskJson()), "another seed gives other tasks");
    }

    @Test
    void everyCategoryIsCoveredEvenly() {
        for (var e : run.perCategory().entrySet()) assertEquals(COUNT / 11, e.getValue(), e.getKey());
    }

    @Test
    void filesLoadWithTheHarnessAndTheTrajectoryReader() {
        DbBenchFactory.write(run, dir);
        List<DbBenchTask> tasks = DbBenchTask.load(dir.resolve(DbBenchFactory.TASKS_FILE));
        assertEquals(run.items().stream().map(DbBenchFactory.Item::task).toList(), tasks);
        assertEquals(run.items().stream().map(DbBenchFactory.Item::trajectory).toList(), Trajectory.readAll(dir.resolve(Trajectory.FILE_NAME)));
    }

    @Test
    void trajectoriesUseTheProtocolAndReplayThroughTheHarness() {
        for (DbBenchFactory.Item item : run.items()) {
            List<Message> m = item.trajectory().messages();
            assertEquals(Message.user(DbBenchPrompt.BIG_PROMPT), m.get(0));
            assertEquals(Message.assistant(DbBenchPrompt.OK), m.get(1));
            assertEquals(Message.user(item.task().question()), m.get(2));
            assertTrue(m.getLast().content().contains("\nAction: Answer\nFinal Answer: ["), m.getLast().content());
            for (int i = 3; i < m.size() - 1; i += 2) {
                assertEquals(Role.ASSISTANT, m.get(i).role());
                assertTrue(m.get(i).content().matches("(?s).+\nAction: Operation\n```sql\n[^\n]+\n```"), m.get(i).content());
            }
            DbBenchReplay.Replayed r = DbBenchReplay.replay(TestDatabase.environment(), item.task(), item.trajectory());
            assertTrue(r.sound(), item.trajectory().taskId() + ": " + r);
        }
    }

    @Test
    void errorRecoveryTurnsQuoteTheRealErrorAndThenFixIt() {
        int mistakes = 0;
        for (DbBenchFactory.Item item : more.items()) {
            String variant = item.trajectory().metadata().get("variant");
            if (!variant.equals("wrong-column") && !variant.equals("syntax-error")) continue;
            mistakes++;
            List<Message> m = item.trajectory().messages();
            int obs = 4; // the observation of the first operation (a peek never precedes a mistake)
            String error = m.get(obs).content();
            assertTrue(GoldRunner.ERROR.matcher(error).matches(), "an error observation: " + error);
            if (variant.equals("wrong-column")) assertTrue(error.startsWith("1054 (42S22): Unknown column '") || error.startsWith("1064 (42000)"), error);
            assertTrue(m.get(obs + 1).content().contains(error), "the next turn quotes the error verbatim");
            String fixed = m.get(obs + 2).content();
            assertFalse(GoldRunner.ERROR.matcher(fixed).matches(), "the fixed statement runs: " + fixed);
        }
        assertTrue(mistakes >= 6, "error-recovery trajectories: " + mistakes);
        assertTrue(more.perVariant().containsKey("syntax-error") && more.perVariant().containsKey("wrong-column"), more.perVariant().toString());
    }

    @Test
    void tablesHaveAwkwardNamesNullsAndDuplicates() {
        List<DbBenchTask> tasks = more.items().stream().map(DbBenchFactory.Item::task).toList();
        assertTrue(tasks.stream().anyMatch(t -> t.table().name().contains(" ")), "a table name with spaces");
        assertTrue(tasks.stream().anyMatch(t -> t.table().columns().stream().anyMatch(c -> c.contains("'") || c.contains("\""))), "a quote in a header");
        assertTrue(tasks.stream().anyMatch(t -> t.table().rows().stream().anyMatch(r -> r.contains(null))), "a NULL cell");
        assertTrue(tasks.stream().anyMatch(t -> t.table().rows().stream().distinct().count() < t.table().rows().size()), "a duplicate row");
        assertTrue(tasks.stream().map(t -> t.table().name()).distinct().count() > 10, "many tables");
    }

    @Test
    void nothingIsTakenFromAgentBenchTasks() {
        List<DbBenchTask> dev = DbBenchTask.load(TestDatabase.sharedData("dbbench/dev.jsonl"));
        java.util.Set<String> devTables = new java.util.HashSet<>(dev.stream().map(t -> t.table().name().toLowerCase(java.util.Locale.ROOT)).toList());
        java.util.Set<String> devQuestions = new java.util.HashSet<>(dev.stream().map(DbBenchTask::description).toList());
        for (Domain d : Domains.ALL) {
            for (String name : d.tableNames()) assertFalse(devTables.contains(name.toLowerCase(java.util.Locale.ROOT)), name);
        }
        for (DbBenchFactory.Item item : more.items()) assertFalse(devQuestions.contains(item.task().description()));
    }
}
