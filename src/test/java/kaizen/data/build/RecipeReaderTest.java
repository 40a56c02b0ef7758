package kaizen.data.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import kaizen.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipe errors name the file, the line and the field. */
class RecipeReaderTest {
    @TempDir
    Path dir;

    BadInputException error(String yaml) throws Exception {
        Files.writeString(dir.resolve("t.jsonl"), "");
        Path f = dir.resolve("r.yaml");
        Files.writeString(f, yaml);
        return assertThrows(BadInputException.class, () -> RecipeReader.read(f));
    }

    static final String OK_SOURCE = """
            sources:
              - path: t.jsonl
                protocol: dbbench
                tags: {domain: agent}
            """;

    @Test
    void unknownKeyIsNamedWithItsLine() throws Exception {
        BadInputException e = error("name: x\nseeed: 3\n" + OK_SOURCE);
        assertEquals(2, e.line());
        assertEquals("seeed", e.field());
        assertEquals(dir.resolve("r.yaml") + ":2: field 'seeed': unknown key (expected one of decontamination, dedup, dpo, filters, "
                + "mix, models, name, out, seed, sources)", e.getMessage());
    }

    @Test
    void badProtocolMissingFileAndUntaggedSource() throws Exception {
        BadInputException e = error("sources:\n  - path: t.jsonl\n    protocol: sql\n");
        assertEquals("sources[0].protocol", e.field());
        assertEquals(3, e.line());
        e = error("sources:\n  - path: nope.jsonl\n    protocol: react\n");
        assertEquals("sources[0].path", e.field());
        assertEquals(2, e.line());
        e = error(OK_SOURCE + "mix:\n  axes:\n    format: {react: 1}\n");
        assertEquals("sources[0].tags", e.field());
        assertEquals("source 't' has no tag on mix axis 'format'", e.getMessage().replaceAll(".*: ", ""));
    }

    @Test
    void anImporterSourceNamesAKnownImporterAndAnExistingInput() throws Exception {
        BadInputException e = error("sources:\n  - path: t.jsonl\n    protocol: conversation\n    importer: nosuch\n");
        assertEquals("sources[0].importer", e.field());
        assertEquals(4, e.line());
        e = error("sources:\n  - path: missing-folder\n    protocol: conversation\n    importer: sharegpt\n");
        assertEquals("sources[0].path", e.field());
        Files.createDirectories(dir.resolve("dump"));
        Files.writeString(dir.resolve("r2.yaml"), "sources:\n  - path: dump\n    protocol: conversation\n    importer: sharegpt\n"
                + "    tags: {domain: general}\ndecontamination:\n  dbbench: [t.jsonl]\n");
        Recipe.Source s = RecipeReader.read(dir.resolve("r2.yaml")).sources().getFirst();
        assertEquals("sharegpt", s.name()); // an imported source is named after its importer unless named
        assertEquals(java.util.Optional.of("sharegpt"), s.importer());
        assertEquals(dir.resolve("dump"), s.path());
    }

    @Test
    void wrongTypesAndMissingGate() throws Exception {
        BadInputException e = error("seed: seven\n" + OK_SOURCE);
        assertEquals("seed", e.field());
        assertEquals(1, e.line());
        e = error(OK_SOURCE + "mix:\n  size: 10\n  max_upsample: 0.5\n");
        assertEquals("mix.max_upsample", e.field());
        assertEquals(7, e.line());
        e = error(OK_SOURCE);
        assertEquals("decontamination", e.field());
        e = error(OK_SOURCE + "decontamination:\n  dbbench: [t.jsonl]\n  ngram: 1\n");
        assertEquals("decontamination", e.field());
        assertEquals("ngram must be at least 2, not 1", e.getMessage().replaceAll(".*: ", ""));
    }

    @Test
    void invalidYamlNamesTheLine() throws Exception {
        BadInputException e = error("name: x\nsources: [\n  - a: b\n");
        assertEquals(true, e.getMessage().contains("not valid YAML"));
        assertEquals(true, e.line() >= 2);
    }
}
