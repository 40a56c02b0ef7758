package kaizen.harness.dbbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kaizen.core.BadInputException;
import kaizen.core.python.PyStr;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbBenchTaskTest {
    @TempDir
    Path dir;

    private static final String GOOD = "{\"description\": \"Q?\", \"add_description\": \"Table t.\", \"type\": [\"counting\"],"
            + " \"label\": [\"3\"], \"table\": {\"table_name\": \"t\", \"table_info\": {\"columns\": [{\"name\": \"a\", \"type\": \"TEXT\"}],"
            + " \"rows\": [[\"x\"], [5], [null]]}}}";

    @Test
    void loadsTheSharedDevSet() {
        List<DbBenchTask> tasks = DbBenchTask.load(TestDatabase.sharedData("dbbench/dev.jsonl"));
        assertEquals(60, tasks.size());
        assertEquals(List.of(new PyStr("March 19, 1998")), tasks.getFirst().label());
        assertEquals(40, tasks.stream().filter(DbBenchTask::isMutation).count());
        assertTrue(tasks.stream().filter(DbBenchTask::isMutation).allMatch(t -> t.goldSql().size() == 1 && t.answerMd5().isPresent()));
    }

    @Test
    void numbersAndNullsSurviveAsTheReferenceBindsThem() throws Exception {
        Path f = dir.resolve("t.jsonl");
        Files.writeString(f, GOOD + "\n\n");
        DbBenchTask t = DbBenchTask.load(f).getFirst();
        assertEquals("Q?\nTable t.", t.question());
        assertEquals(java.math.BigInteger.valueOf(5), t.table().rows().get(1).getFirst());
        assertEquals(null, t.table().rows().get(2).getFirst());
    }

    @Test
    void acceptsAJsonArrayLikeTheReference() throws Exception {
        Path f = dir.resolve("t.json");
        Files.writeString(f, "[" + GOOD + ", " + GOOD + "]");
        assertEquals(2, DbBenchTask.load(f).size());
    }

    @Test
    void malformedLinesNameFileLineAndField() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, GOOD + "\n{\"description\": 5}\n");
        var e = assertThrows(BadInputException.class, () -> DbBenchTask.load(f));
        assertEquals(2, e.line());
        assertEquals("type", e.field());
        assertTrue(e.getMessage().startsWith(f + ":2: field 'type'"), e.getMessage());

        Files.writeString(f, GOOD + "\n" + GOOD.replace("[5]", "[5, 6]") + "\n");
        var rows = assertThrows(BadInputException.class, () -> DbBenchTask.load(f));
        assertEquals("table.table_info.rows[1]", rows.field());
        assertTrue(rows.getMessage().contains("has 2 cells but the table has 1 columns"));

        Files.writeString(f, GOOD + "\n{not json\n");
        var json = assertThrows(BadInputException.class, () -> DbBenchTask.load(f));
        assertEquals(2, json.line());
        assertTrue(json.getMessage().contains("not valid JSON"));

        Files.writeString(f, GOOD.replace("\"label\": [\"3\"], ", ""));
        assertEquals("label", assertThrows(BadInputException.class, () -> DbBenchTask.load(f)).field());
    }
}
