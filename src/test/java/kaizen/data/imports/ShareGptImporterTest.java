package kaizen.data.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kaizen.core.Jsonl;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareGptImporterTest {
    static final Path FIXTURES = Path.of("src/test/resources/kaizen/data/imports/sharegpt");

    @TempDir
    Path out;

    @Test
    void keepsWellFormedConversationsAndCountsTheRestByReason() throws Exception {
        ImportReport r = Importers.run("sharegpt", FIXTURES, out, null, 0);

        assertEquals(7, r.read());
        assertEquals(3, r.kept());
        assertEquals(Map.of(
                "malformed: conversations[1].from", 1L,
                "malformed: messages[0]", 1L,
                "malformed: record", 1L,
                "fewer than two turns", 1L), r.notKept(), r.render());
        assertEquals(3, r.malformed());

        List<Trajectory> ts = Trajectory.readAll(out.resolve(Trajectory.FILE_NAME));
        assertEquals(List.of("openai.jsonl:1", "QWJ1bnA_0", "QWJ1bnA_1"), ts.stream().map(Trajectory::taskId).toList());
        Trajectory two = ts.get(2);
        assertEquals(List.of(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT),
                two.messages().stream().map(m -> m.role()).toList());
        assertEquals("23.", two.messages().get(4).content());
        assertEquals("sharegpt", two.source());
        assertFalse(Files.exists(out.resolve(Trajectory.FILE_NAME + ".partial")));
    }

    @Test
    void problemsNameFileLineAndField() {
        Importers.run("sharegpt", FIXTURES, out, null, 0);
        var problems = Jsonl.readAll(out.resolve(ImportSink.PROBLEMS_FILE));
        assertEquals(3, problems.size());
        var first = problems.get(0).node();
        assertTrue(first.path("file").asText().endsWith("openai.jsonl"), first.toString());
        assertEquals(2, first.path("line").asLong());
        assertTrue(first.path("problem").asText().contains("not valid JSON"), first.toString());
        var robot = problems.get(2).node();
        assertEquals(19, robot.path("line").asLong(), "the array element's first line");
        assertTrue(robot.path("problem").asText().contains("field 'conversations[1].from': unknown speaker 'robot'"), robot.toString());
        assertTrue(Files.exists(out.resolve(ImportSink.REPORT_FILE)));
    }

    @Test
    void limitStopsReading() {
        ImportReport r = Importers.run("sharegpt", FIXTURES, out, null, 1);
        assertEquals(1, r.kept());
        assertEquals(1, Trajectory.readAll(out.resolve(Trajectory.FILE_NAME)).size());
    }
}
