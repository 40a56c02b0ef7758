package kaizen.data.imports.texttosql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kaizen.core.Jsonl;
import kaizen.data.build.BuildReport;
import kaizen.data.build.DatasetBuild;
import kaizen.data.build.ModelFormats;
import kaizen.data.build.RecipeReader;
import kaizen.data.decontam.ContaminationException;
import kaizen.data.imports.ImportSink;
import kaizen.data.Trajectory;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imported text-to-SQL data through {@code kaizen data build}: recipe entries, filters, the decontamination gate. */
class TextToSqlBuildTest {
    static final Path DEV = Path.of("../shared/data/dbbench/dev.jsonl").toAbsolutePath();

    @TempDir
    Path dir;

    Path recipe(String sources) throws Exception {
        Path f = dir.resolve("recipe.yaml");
        Files.writeString(f, "name: sql-import\nseed: 1\nsources:\n" + sources + "decontamination:\n  dbbench: [" + DEV + "]\n");
        return f;
    }

    BuildReport build(Path recipe) {
        return DatasetBuild.run(RecipeReader.read(recipe), dir.resolve("out"), ModelFormats.available(),
                new PrintStream(new ByteArrayOutputStream()), false);
    }

    @Test
    void recipeEntriesImportSpiderAndSparcAndBuildFromThem() throws Exception {
        Path spider = Fixtures.dataset("spider", dir);
        Path sparc = Fixtures.dataset("sparc", dir);
        BuildReport r = build(recipe("""
                  - importer: spider
                    path: %s
                    protocol: dbbench
                    tags: {domain: agent}
                  - importer: sparc
                    path: %s
                    protocol: dbbench-multiturn
                    tags: {domain: agent}
                """.formatted(spider, sparc)));
        assertEquals(13, r.perSource().get("spider").loaded());
        assertEquals(13, r.perSource().get("spider").wellFormed());
        assertEquals(2, r.perSource().get("sparc").wellFormed());
        assertTrue(Files.exists(dir.resolve("out/imports/spider").resolve(ImportSink.REPORT_FILE)));
        List<String> sources = Jsonl.readAll(dir.resolve("out").resolve(DatasetBuild.SFT)).stream().map(x -> x.text("source")).distinct().toList();
        assertEquals(List.of("spider", "sparc"), sources);
        assertTrue(r.sftExamples() >= 10, "sft examples: " + r.sftExamples());
    }

    @Test
    void anImportedQuestionCopiedFromDbBenchDevFailsTheGate() throws Exception {
        Path spider = Fixtures.dataset("spider", dir);
        // dev.jsonl line 1's question, verbatim, as a Spider question over Kaizen's fixture database.
        Files.writeString(spider.resolve("train_spider.json"), kaizen.core.Json.writePretty(List.of(Map.of("db_id", "harbor_fleet",
                "question", "What is the Presentation of Credentials has a Termination of Mission listed as August 15, 2000?",
                "query", "SELECT count(*) FROM vessel"))));
        Path imported = dir.resolve("imported");
        try (ImportSink sink = new ImportSink("spider", spider, imported, null, 0)) {
            TextToSqlImporter.on("spider", TestDatabase.environment()).run(spider, sink);
            assertEquals(1, sink.finish().kept());
        }
        Path recipe = recipe("""
                  - name: spider
                    path: %s
                    protocol: dbbench
                """.formatted(imported.resolve(Trajectory.FILE_NAME)));
        ContaminationException e = assertThrows(ContaminationException.class, () -> build(recipe));
        assertTrue(e.getMessage().contains("spider harbor_fleet/train_spider:1 (message 2): near-duplicate match with dbbench dev.jsonl:1 question"),
                e.getMessage());
    }
}
