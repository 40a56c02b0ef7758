package kaizen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kaizen.data.Trajectory;
import kaizen.testing.FakeOpenAiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kaizen eval household} and {@code kaizen data teacher} from the command line. */
class TeacherCliTest {
    @TempDir
    Path dir;

    @Test
    void theOracleScoresOneOnHeldOutWorlds() {
        CliRun r = CliRun.of("eval", "household", "--agent", "oracle", "--count", "12", "--out", dir.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("success_rate                 1.0000"), r.out());
        assertTrue(r.out().contains("put-two"), r.out());
        assertTrue(r.err().contains("held-out"), r.err());
    }

    @Test
    void aTeacherThatNeverSucceedsLeavesOnlyFailures() {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.always(FakeOpenAiServer.reply("THOUGHT: hm.\nACTION: inventory")))) {
            CliRun r = CliRun.of("data", "teacher", "household", "--count", "3", "--max-step", "3", "--samples", "2", "--temperature", "0.5",
                    "--model", server.baseUrl(), "--model-name", FakeOpenAiServer.MODEL, "--out", dir.toString(), "--no-progress");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("finished 6/6 episodes") && r.out().contains("failures              6"), r.out());
            assertEquals(6, Trajectory.readAll(dir.resolve(Trajectory.FILE_NAME)).size());
        }
    }

    @Test
    void aDbBenchTeacherRollsOutGeneratedTasksOnTheGivenServer() throws Exception {
        Path data = dir.resolve("synth");
        CliRun gen = CliRun.of("data", "gen", "dbbench", "--count", "3", "--seed", "4", "--out", data.toString(), "--db-url",
                DataGenCliTest.dbUrl(), "--no-progress");
        assertEquals(0, gen.code(), gen.err());
        try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.always(FakeOpenAiServer.reply("Action: Answer\nFinal Answer: [\"no\"]")))) {
            CliRun r = CliRun.of("data", "teacher", "dbbench", "--tasks", data.resolve("tasks.jsonl").toString(), "--model", server.baseUrl(),
                    "--model-name", FakeOpenAiServer.MODEL, "--db-url", DataGenCliTest.dbUrl(), "--out", dir.resolve("t").toString(), "--no-progress");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("finished 3/3 episodes") && r.out().contains("failures              3"), r.out());
        }
        List<Trajectory> ts = Trajectory.readAll(dir.resolve("t").resolve(Trajectory.FILE_NAME));
        assertEquals(3, ts.size());
        assertTrue(ts.stream().allMatch(t -> t.source().equals("teacher-dbbench") && !t.outcome().success()));
        assertTrue(Files.readString(dir.resolve("t").resolve("summary.json")).contains("\"pass_at_k\""));
    }

    @Test
    void samplesAtTemperatureZeroAndHeldOutSeedsAreRefused() {
        CliRun r = CliRun.of("data", "teacher", "household", "--count", "3", "--samples", "2", "--model", "http://127.0.0.1:9/v1",
                "--model-name", "m", "--out", dir.toString());
        assertNotEquals(0, r.code(), r.out());
        assertTrue(r.err().contains("give --temperature"), r.err());
        CliRun gen = CliRun.of("data", "gen", "household", "--count", "1", "--seed", "1000000000", "--out", dir.toString());
        assertTrue(gen.err().contains("held-out range"), gen.err());
    }
}
