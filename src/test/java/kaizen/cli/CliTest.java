package kaizen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI prints actionable errors without stack traces and explains itself in --help. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            int code = Main.run(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpExplainsTheDbBenchCommand() {
        Run r = run("eval", "dbbench", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--agent"), r.out());
        assertTrue(r.out().contains("resume"), r.out());
    }

    @Test
    void missingFileIsOneLineWithoutStackTrace() {
        Run r = run("eval", "dbbench", "--agent", "oracle", "--data", dir.resolve("nope.jsonl").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains("nope.jsonl: no such file"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void badTaskLineNamesFileLineAndField() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"description\": \"x\", \"type\": \"counting\"}\n");
        Run r = run("eval", "dbbench", "--agent", "oracle", "--data", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(f + ":1: field 'type': expected an array"), r.err());
    }

    @Test
    void modelAgentNeedsAUrl() {
        Run r = run("eval", "dbbench", "--data", "../shared/data/dbbench/dev.jsonl");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--agent model needs --model URL"), r.err());
    }

    @Test
    void helpExplainsTheAlfworldCommand() {
        Run r = run("eval", "alfworld", "--help");
        assertEquals(0, r.code());
        for (String option : new String[] {"--data", "--split", "--agent", "--model", "--model-name", "--concurrency", "--out",
                "--max-step", "--limit", "--prompts", "valid_unseen", "resume"}) {
            assertTrue(r.out().contains(option), option + " in " + r.out());
        }
    }

    @Test
    void absentAlfworldSplitNamesTheFolderAndListsTheSplitsFound() {
        Run r = run("eval", "alfworld", "--agent", "oracle");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains("../shared/data/alfworld/json_2.1.1/valid_unseen: no such split folder"), r.err());
        assertTrue(r.err().contains("valid_seen, valid_train"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void alfworldModelAgentNeedsAUrl() {
        Run r = run("eval", "alfworld", "--split", "valid_seen", "--limit", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--agent model needs --model URL"), r.err());
    }

    @Test
    void tokenizerAndMaxModelLenFinishWithContextLimitWithoutAskingTheServer() throws Exception {
        try (kaizen.testing.FakeOpenAiServer server = kaizen.testing.FakeOpenAiServer.replying("Action: Answer\nFinal Answer: [1]")) {
            Path out = dir.resolve("run");
            Run r = run("eval", "dbbench", "--model", server.baseUrl(), "--model-name", "Qwen/Qwen2.5-7B-Instruct",
                    "--tokenizer", "../shared/data/qwen-tokenizer", "--max-model-len", "600", "--limit", "1", "--no-progress",
                    "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(0, server.requestCount(), "the over-long first prompt is never sent");
            String episode = Files.readString(out.resolve("episodes.jsonl"));
            assertTrue(episode.contains("\"agent context limit\""), episode);
        }
    }
}
