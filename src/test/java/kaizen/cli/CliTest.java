package kaizen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI prints actionable errors without stack traces and explains itself in --help. */
class CliTest {
    @TempDir
    Path dir;

    @Test
    void helpExplainsTheDbBenchCommand() {
        CliRun r = CliRun.of("eval", "dbbench", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--agent"), r.out());
        assertTrue(r.out().contains("resume"), r.out());
    }

    @Test
    void missingFileIsOneLineWithoutStackTrace() {
        CliRun r = CliRun.of("eval", "dbbench", "--agent", "oracle", "--data", dir.resolve("nope.jsonl").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains("nope.jsonl: no such file"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void badTaskLineNamesFileLineAndField() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"description\": \"x\", \"type\": \"counting\"}\n");
        CliRun r = CliRun.of("eval", "dbbench", "--agent", "oracle", "--data", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(f + ":1: field 'type': expected an array"), r.err());
    }

    @Test
    void modelAgentNeedsAUrl() {
        CliRun r = CliRun.of("eval", "dbbench", "--data", "../shared/data/dbbench/dev.jsonl");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--agent model needs --model URL"), r.err());
    }

    @Test
    void helpExplainsTheAlfworldCommand() {
        CliRun r = CliRun.of("eval", "alfworld", "--help");
        assertEquals(0, r.code());
        for (String option : new String[] {"--data", "--split", "--agent", "--model", "--model-name", "--concurrency", "--out",
                "--max-step", "--limit", "--prompts", "valid_unseen", "resume"}) {
            assertTrue(r.out().contains(option), option + " in " + r.out());
        }
    }

    @Test
    void absentAlfworldSplitNamesTheFolderAndListsTheSplitsFound() {
        CliRun r = CliRun.of("eval", "alfworld", "--agent", "oracle");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains("../shared/data/alfworld/json_2.1.1/valid_unseen: no such split folder"), r.err());
        assertTrue(r.err().contains("valid_seen, valid_train"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void alfworldModelAgentNeedsAUrl() {
        CliRun r = CliRun.of("eval", "alfworld", "--split", "valid_seen", "--limit", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--agent model needs --model URL"), r.err());
    }

    @Test
    void tokenizerAndMaxModelLenFinishWithContextLimitWithoutAskingTheServer() throws Exception {
        try (kaizen.testing.FakeOpenAiServer server = kaizen.testing.FakeOpenAiServer.replying("Action: Answer\nFinal Answer: [1]")) {
            Path out = dir.resolve("run");
            CliRun r = CliRun.of("eval", "dbbench", "--model", server.baseUrl(), "--model-name", "Qwen/Qwen2.5-7B-Instruct",
                    "--tokenizer", "../shared/data/qwen-tokenizer", "--max-model-len", "600", "--limit", "1", "--no-progress",
                    "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(0, server.requestCount(), "the over-long first prompt is never sent");
            String episode = Files.readString(out.resolve("episodes.jsonl"));
            assertTrue(episode.contains("\"agent context limit\""), episode);
        }
    }
}
