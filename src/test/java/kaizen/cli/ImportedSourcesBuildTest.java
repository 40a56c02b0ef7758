package kaizen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every goal-reaching, tool-use and collection importer named in one recipe: {@code kaizen data
 * build} imports the fixtures as published, gates, filters, dedups and mixes them into an SFT set;
 * and an ALFWorld task planted where no marker gives it away is stopped by the build's gate.
 */
class ImportedSourcesBuildTest {
    static final Path FIXTURES = Path.of("src/test/resources/kaizen/data/imports").toAbsolutePath();
    static final Path SHARED = Path.of("../shared/data").toAbsolutePath();
    static final List<String> REACT = List.of("scienceworld", "webshop", "jericho", "babyai");
    static final List<String> CONVERSATION = List.of("toolbench", "agentinstruct", "agent-flan", "agenttraj", "sharegpt");

    @TempDir
    Path dir;

    Path recipe(Path agentTraj) throws Exception {
        StringBuilder sources = new StringBuilder();
        for (String s : REACT) sources.append(source(s, FIXTURES.resolve(s), "react", "react"));
        for (String s : CONVERSATION) {
            Path path = s.equals("agenttraj") ? agentTraj : FIXTURES.resolve(s);
            sources.append(source(s, path, "conversation", "conversation"));
        }
        String yaml = """
                name: imported
                seed: 3
                sources:
                %smix:
                  axes:
                    format: {react: 1, conversation: 1}
                dpo: {enabled: false}
                decontamination:
                  dbbench: [%s]
                  alfworld: [%s]
                """.formatted(sources, SHARED.resolve("dbbench/dev.jsonl"), SHARED.resolve("alfworld/json_2.1.1/valid_seen"));
        Path f = dir.resolve("recipe.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    static String source(String name, Path path, String protocol, String format) {
        return """
                  - name: %s
                    importer: %s
                    path: %s
                    protocol: %s
                    tags: {format: %s}
                """.formatted(name, name, path, protocol, format);
    }

    @Test
    void everyImporterFeedsTheBuildFromItsPublishedFiles() throws Exception {
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("data", "build", recipe(FIXTURES.resolve("agenttraj")).toString(), "--out", out.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err() + r.out());
        List<JsonlRecord> sft = Jsonl.readAll(out.resolve("sft.jsonl"));
        Set<String> sources = sft.stream().map(x -> x.text("source")).collect(Collectors.toSet());
        assertTrue(sources.containsAll(REACT), sources.toString());
        assertTrue(sources.stream().filter(CONVERSATION::contains).count() >= 3, sources.toString());
        for (String s : REACT) {
            assertTrue(Files.exists(out.resolve("imports").resolve(s).resolve("import-report.json")), s);
        }
        assertFalse(sft.stream().anyMatch(x -> x.text("task_id").startsWith("alfworld")), "the importers left the ALFWorld parts out");
    }

    @Test
    void anAlfworldTaskThatSlipsPastTheMarkersIsStoppedByTheGate() throws Exception {
        // An AgentTraj-style item with an unremarkable id and no ALFWorld prompt text: only the task itself is ALFWorld's.
        Path planted = dir.resolve("planted.jsonl");
        Files.writeString(planted, """
                {"item_id": "household_7", "conversations": [\
                {"from": "human", "loss": null, "value": "You help around the home. Reply with Thought: and Action: lines."}, \
                {"from": "gpt", "loss": false, "value": "OK"}, \
                {"from": "human", "loss": null, "value": "Here it is. Your task is to: put two newspaper in drawer."}, \
                {"from": "gpt", "loss": true, "value": "Thought: I should find the newspapers first.\\nAction: go to sofa 1"}]}
                """);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("data", "build", recipe(planted).toString(), "--out", out.toString(), "--no-progress");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("agenttraj household_7 (message 2)"), r.err());
        assertTrue(r.err().contains("alfworld"), r.err());
        assertEquals(1, Jsonl.readAll(out.resolve("imports/agenttraj/trajectories.jsonl")).size(), "the importer kept it: nothing marked it");
        assertFalse(Files.exists(out.resolve("sft.jsonl")));
    }

    @Test
    void eachSourceImportsFromTheCommandLineAndIsListed() {
        CliRun list = CliRun.of("data", "import", "--list");
        for (String s : REACT) assertTrue(list.out().contains(s), list.out());
        for (String s : CONVERSATION) assertTrue(list.out().contains(s), list.out());
        for (String s : List.of("scienceworld", "webshop", "jericho", "babyai", "toolbench", "agentinstruct", "agent-flan", "agenttraj")) {
            Path out = dir.resolve(s);
            CliRun r = CliRun.of("data", "import", s, FIXTURES.resolve(s).toString(), "--out", out.toString(), "--quiet");
            assertEquals(0, r.code(), s + ": " + r.err());
            assertTrue(r.out().startsWith(s + ": read "), r.out());
            assertTrue(Files.exists(out.resolve("trajectories.jsonl")), s);
        }
    }
}
