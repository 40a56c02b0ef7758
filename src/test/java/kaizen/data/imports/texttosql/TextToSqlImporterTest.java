package kaizen.data.imports.texttosql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.Message;
import kaizen.data.Trajectory;
import kaizen.data.build.Protocol;
import kaizen.data.imports.ImportReport;
import kaizen.data.imports.ImportSink;
import kaizen.testing.GoldenFile;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each importer on its fixture, against the real embedded MariaDB and real SQLite files. */
class TextToSqlImporterTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/data/imports");

    @TempDir
    Path dir;

    ImportReport run(String name) {
        Path in = Fixtures.dataset(name, dir);
        try (ImportSink sink = new ImportSink(name, in, dir.resolve("out-" + name), null, 0)) {
            TextToSqlImporter.on(name, TestDatabase.environment()).run(in, sink);
            return sink.finish();
        }
    }

    List<Trajectory> kept(String name) {
        return Trajectory.readAll(dir.resolve("out-" + name).resolve(Trajectory.FILE_NAME));
    }

    /** Every conversation as the model sees it, for the golden file. */
    static String render(List<Trajectory> ts) {
        return ts.stream().map(t -> "### " + t.taskId() + " (" + t.category() + ") " + t.metadata() + "\n"
                + t.messages().stream().skip(1).map(m -> "[" + m.role().name().toLowerCase() + "]\n" + m.content()).collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n\n")) + "\n";
    }

    @Test
    void spiderKeepsQueriesWhoseTranslationReturnsTheSameAndCountsTheRestByReason() {
        ImportReport r = run("spider");
        assertEquals(21, r.read());
        assertEquals(13, r.kept(), r.render());
        assertEquals(Map.of(
                "database not found", 1L,
                "empty result", 1L,
                "malformed: db_id", 1L,
                "malformed: query", 1L,
                "mysql error 1140", 1L, // SELECT name, max(tonnage) without GROUP BY: fine in SQLite, refused by ONLY_FULL_GROUP_BY
                "results differ", 1L, // name = 'aurora': SQLite compares case-sensitively, the MySQL tables do not
                "sqlite error", 1L,
                "translation unsupported: function julianday", 1L), r.notKept(), r.render());
        List<Trajectory> ts = kept("spider");
        String sql = ts.stream().map(t -> t.messages().get(3).content()).collect(Collectors.joining("\n"));
        assertTrue(sql.contains("SELECT sum(cargo_tons) DIV count(*) FROM voyage"), sql);
        assertTrue(sql.contains("SELECT CONCAT(name, ' (', flag, ')') FROM vessel WHERE built < 1990"), sql);
        assertTrue(sql.contains("SELECT name FROM vessel WHERE `rank` = 1"), sql);
        assertTrue(sql.contains("SELECT port FROM voyage WHERE notes = 'bay\\\\4'"), sql);
        for (Trajectory t : ts) {
            assertEquals(Protocol.DBBENCH.problem(t.messages()), java.util.Optional.empty(), t.taskId());
            assertEquals("spider", t.source());
        }
        GoldenFile.assertMatches(GOLDEN.resolve("spider.txt"), render(ts));
    }

    @Test
    void malformedRecordsAreNamedByFileLineAndField() {
        run("spider");
        List<JsonlRecord> problems = Jsonl.readAll(dir.resolve("out-spider").resolve(ImportSink.PROBLEMS_FILE));
        assertEquals(List.of("query", "db_id"), problems.stream().map(p -> p.text("field")).toList());
        assertTrue(problems.getFirst().text("problem").endsWith("train_spider.json:651: field 'query': is missing"), problems.toString());
        assertEquals(1030, problems.get(1).node().get("line").asLong());
    }

    @Test
    void sparcInteractionsBecomeMultiTurnConversationsCutBeforeTheFirstFailingTurn() {
        ImportReport r = run("sparc");
        assertEquals(Map.of("malformed: interaction[1].query", 1L, "sqlite error", 1L), r.notKept(), r.render());
        List<Trajectory> ts = kept("sparc");
        assertEquals(List.of("3/3", "1/2"), ts.stream().map(t -> t.metadata().get("turns")).toList());
        Trajectory three = ts.getFirst();
        assertEquals(2 + 3 * 4, three.messages().size());
        assertEquals("Only those flying Norway's flag.", three.messages().get(6).content());
        assertTrue(three.messages().getLast().content().endsWith("Final Answer: [\"Kestrel\", \"Aurora\"]"), three.messages().getLast().content());
        assertEquals(java.util.Optional.empty(), Protocol.DBBENCH_MULTITURN.problem(three.messages()));
        assertEquals(java.util.Optional.of("dbbench answer before the last reply"), Protocol.DBBENCH.problem(three.messages()));
        GoldenFile.assertMatches(GOLDEN.resolve("sparc.txt"), render(ts));
    }

    @Test
    void cosqlReadsTheStateTrackingFileAndTheDatabasesOneLevelUp() {
        ImportReport r = run("cosql");
        assertEquals(2, r.kept(), r.render());
        List<Trajectory> ts = kept("cosql");
        assertEquals(List.of("2/2", "2/2"), ts.stream().map(t -> t.metadata().get("turns")).toList());
        // SUM over an INTEGER column is a DECIMAL in MySQL; it is read and answered as a number.
        assertTrue(ts.getFirst().messages().getLast().content().endsWith("Final Answer: [2300]"), ts.getFirst().messages().getLast().content());
        GoldenFile.assertMatches(GOLDEN.resolve("cosql.txt"), render(ts));
    }

    @Test
    void birdPutsTheEvidenceAfterTheQuestionAndKeepsTheDifficulty() {
        ImportReport r = run("bird");
        assertEquals(Map.of("malformed: SQL", 1L, "translation unsupported: function julianday", 1L), r.notKept(), r.render());
        List<Trajectory> ts = kept("bird");
        assertEquals(List.of("moderate", "simple"), ts.stream().map(t -> t.metadata().get("difficulty")).toList());
        Message question = ts.getFirst().messages().get(2);
        assertTrue(question.content().startsWith("What share of all cargo did vessels flagged in Norway carry?\nHint: share = "), question.content());
        GoldenFile.assertMatches(GOLDEN.resolve("bird.txt"), render(ts));
    }

    @Test
    void aFolderWithoutTheQuestionFilesIsOneClearError() {
        kaizen.core.KaizenException e = org.junit.jupiter.api.Assertions.assertThrows(kaizen.core.KaizenException.class,
                () -> TextToSqlImporter.on("spider", TestDatabase.environment()).run(Fixtures.RESOURCES.resolve("bird"), null));
        assertTrue(e.getMessage().contains("no train_spider.json or train_others.json in this folder"), e.getMessage());
    }
}
