package kaizen.data.gen.dbbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import kaizen.core.Json;
import kaizen.core.JsonlRecord;
import kaizen.core.python.PyValue;
import kaizen.core.python.PythonOps;
import kaizen.env.db.EpisodeDatabase;
import kaizen.harness.dbbench.DbBenchTask;
import kaizen.testing.TestDatabase;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** For any seed and slot, the generated task is valid, its gold answer reproduces and its trajectory replays correct. */
class DbBenchFactoryPropertiesTest {

    @Property(tries = 20)
    void everyGeneratedTaskIsValidAndItsGoldAnswerReproduces(@ForAll @LongRange(min = Long.MIN_VALUE, max = Long.MAX_VALUE) long seed,
            @ForAll @IntRange(min = 0, max = 10_000) int slot) {
        DbBenchFactory.Item item = DbBenchFactory.slot(TestDatabase.environment(), seed, slot).item();
        DbBenchTask task = item.task();

        // The JSON object, as written to tasks.jsonl, reads back to the same task.
        JsonlRecord rec = new JsonlRecord(Path.of("tasks.jsonl"), 1, Json.mapper().valueToTree(item.taskJson()));
        assertEquals(task, DbBenchTask.parse(slot, rec));
        assertEquals(DbBenchFactory.CATEGORIES.get(slot % 11), task.type());
        assertFalse(task.description().isBlank());
        assertTrue(task.addDescription().startsWith("The name of this table is " + task.table().name() + ", and the headers"));
        assertEquals(task.table().columns().size(), new HashSet<>(task.table().columns().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList()).size(),
                "headers are distinct (MySQL column names ignore case)");
        assertTrue(task.table().rows().size() >= 8);

        // The gold statement, run again on a fresh database, gives the stored answer.
        String gold = rec.text("sql.query");
        try (EpisodeDatabase db = TestDatabase.environment().open(task.table())) {
            String obs = db.execute(gold);
            if (task.isMutation()) {
                assertEquals("[]", obs);
                assertEquals(task.answerMd5().orElseThrow(), db.tableHash());
            } else {
                Optional<List<PyValue>> cells = GoldRunner.cells(obs);
                assertTrue(cells.isPresent(), obs);
                assertEquals(Optional.of(true), PythonOps.setEquals(task.label(), cells.get()), obs + " vs " + task.label());
                assertFalse(task.label().isEmpty());
            }
        }

        // The expert's conversation replays identically through the harness and scores correct.
        assertTrue(DbBenchReplay.replay(TestDatabase.environment(), task, item.trajectory()).sound());
    }
}
