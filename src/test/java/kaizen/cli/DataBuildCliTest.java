package kaizen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kaizen.core.Message;
import kaizen.data.Trajectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kaizen data build} end to end: sources made by the generator commands (DBBench, household,
 * their negatives), every conversation replayed, SFT and DPO sets written; a recipe error named by
 * file, line and field; a planted benchmark question failing the build and naming the example.
 */
class DataBuildCliTest {
    @TempDir
    static Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static String dbUrl() {
        return DataGenCliTest.dbUrl();
    }

    @BeforeAll
    static void generate() {
        for (String[] args : List.of(
                new String[] {"data", "gen", "dbbench", "--count", "22", "--seed", "4", "--out", dir.resolve("db").toString(), "--db-url", dbUrl()},
                new String[] {"data", "gen", "household", "--count", "24", "--seed", "4", "--out", dir.resolve("house").toString()},
                new String[] {"data", "gen", "negatives", "--from", dir.resolve("db").toString(), "--out", dir.resolve("neg-db").toString(),
                    "--recovery-share", "0.5", "--db-url", dbUrl()},
                new String[] {"data", "gen", "negatives", "--from", dir.resolve("house").toString(), "--out", dir.resolve("neg-house").toString(),
                    "--recovery-share", "0.5"})) {
            List<String> a = new ArrayList<>(List.of(args));
            a.add("--no-progress");
            CliRun r = run(a.toArray(String[]::new));
            assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        }
    }

    private static Path recipe(String name, String extraSource) throws Exception {
        Path shared = Path.of("../shared/data").toAbsolutePath();
        String yaml = """
                name: cli-test
                sources:
                  - {name: db, path: db/trajectories.jsonl, protocol: dbbench, tags: {format: conversation}, verify: dbbench}
                  - {name: house, path: house/trajectories.jsonl, protocol: react, tags: {format: react}, verify: household}
                  - {name: neg-db, path: neg-db/trajectories.jsonl, protocol: dbbench, tags: {format: conversation}, verify: dbbench,
                     tasks: db/tasks.jsonl}
                  - {name: neg-house, path: neg-house/trajectories.jsonl, protocol: react, tags: {format: react}, verify: household}
                %s
                mix:
                  axes:
                    format: {react: 1, conversation: 1}
                dpo: {enabled: true}
                decontamination:
                  dbbench: [%s]
                  alfworld: [%s]
                """.formatted(extraSource, shared.resolve("dbbench/dev.jsonl"), shared.resolve("alfworld/json_2.1.1/valid_seen"));
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void buildsReplayedSftAndDpoSetsFromTheGeneratorsOutput() throws Exception {
        Path out = dir.resolve("out");
        CliRun r = run("data", "build", recipe("ok.yaml", "").toString(), "--out", out.toString(), "--db-url", dbUrl(), "--no-progress");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("verified db: 22 of 22 successes executed on MariaDB"), r.out());
        assertTrue(r.out().contains("verified house: 24 of 24 successes replayed in its household world"), r.out());
        assertTrue(r.out().contains("decontamination passed (92 checked)") || r.out().contains("decontamination passed"), r.out());
        String card = Files.readString(out.resolve("README.md"));
        assertTrue(card.contains("- db: 22 of 22 successful conversations reproduce"), card);
        assertTrue(card.contains("## Untrained turns and negative samples"), card);
        List<String> dpo = Files.readAllLines(out.resolve("dpo.jsonl"));
        assertEquals(46, dpo.size(), "one pair per expert: its negative against its own reply");
        assertTrue(Files.readString(out.resolve("sft.jsonl")).contains("\"weight\":0"));
    }

    @Test
    void aBadRecipeIsNamedByFileLineAndField() throws Exception {
        Path bad = recipe("bad.yaml", "");
        Files.writeString(bad, Files.readString(bad).replace("verify: household}", "verify: alfworld}"));
        CliRun r = run("data", "build", bad.toString(), "--out", dir.resolve("never").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("error: " + bad + ":4: field 'sources[1].verify': unknown replay 'alfworld' (expected dbbench, household or none)\n", r.err());
        assertFalse(Files.exists(dir.resolve("never").resolve("sft.jsonl")));
    }

    @Test
    void aPlantedBenchmarkQuestionFailsTheBuildNamingTheExample() throws Exception {
        Trajectory base = Trajectory.readAll(dir.resolve("db/trajectories.jsonl")).getFirst();
        List<Message> ms = new ArrayList<>(base.messages());
        ms.set(2, Message.user("What is the Presentation of Credentials has a Termination of Mission listed as August 15, 2000?\n"
                + "The name of this table is US Ambassadors, and the headers of this table are Representative,Title."));
        Path planted = dir.resolve("planted.jsonl");
        Trajectory.writeAll(planted, List.of(new Trajectory("someone", "leaked-1", base.category(), ms, base.outcome(), 0, base.metadata())));
        Path recipe = recipe("planted.yaml", "  - {name: imported, path: planted.jsonl, protocol: dbbench, tags: {format: conversation}}");
        CliRun r = run("data", "build", recipe.toString(), "--out", dir.resolve("leak").toString(), "--db-url", dbUrl(), "--no-progress");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: decontamination gate failed: 1 example(s) match the evaluation benchmarks"), r.err());
        assertTrue(r.err().contains("imported leaked-1 (message 2): ngram match with dbbench dev.jsonl:1 question"), r.err());
        assertFalse(Files.exists(dir.resolve("leak").resolve("sft.jsonl")));
    }
}
