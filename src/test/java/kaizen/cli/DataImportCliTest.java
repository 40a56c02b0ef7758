package kaizen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataImportCliTest {
    @TempDir
    Path dir;

    @Test
    void importsAndSummarises() {
        CliRun r = CliRun.of("data", "import", "sharegpt", "src/test/resources/kaizen/data/imports/sharegpt", "--out", dir.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("sharegpt: read 7, kept 3, not kept 4 (3 malformed)"), r.out());
        assertTrue(Files.exists(dir.resolve("trajectories.jsonl")));
    }

    @Test
    void importsSpiderEndToEnd() {
        Path spider = kaizen.data.imports.texttosql.Fixtures.dataset("spider", dir);
        CliRun r = CliRun.of("data", "import", "spider", spider.toString(), "--out", dir.resolve("out").toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("spider: read 21, kept 13, not kept 8 (2 malformed)"), r.out());
        assertTrue(r.out().contains("1  translation unsupported: function julianday"), r.out());
        assertTrue(Files.exists(dir.resolve("out/trajectories.jsonl")));
    }

    @Test
    void listNamesTheImporters() {
        CliRun r = CliRun.of("data", "import", "--list");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("sharegpt"), r.out());
        assertTrue(r.out().matches("(?s).*\n  spider +Spider: train_spider.json.*"), r.out());
    }

    @Test
    void unknownSourceAndMissingInputAreOneLineErrors() {
        CliRun r = CliRun.of("data", "import", "nosuch", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no importer named 'nosuch'; known: sharegpt"), r.err());
        CliRun m = CliRun.of("data", "import", "sharegpt", dir.resolve("missing.json").toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, m.code());
        assertTrue(m.err().contains("missing.json: no such file or folder"), m.err());
        assertFalse(m.err().contains("\tat "), m.err());
    }
}
