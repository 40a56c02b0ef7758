package kaizen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kaizen.core.Json;
import kaizen.env.alfworld.Alfworld;
import kaizen.harness.alfworld.AlfworldTask;
import kaizen.harness.alfworld.AlfworldTaskType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the CLI on real games: the oracle plays the walkthrough of one valid_seen game of
 * each task type and wins them all. Runs once the ALFWorld engine is in (Alfworld.load works).
 */
class AlfworldOracleCliTest {
    @TempDir
    Path dir;

    @Test
    void oracleWinsOneRealGameOfEachType() throws Exception {
        List<AlfworldTask> all = AlfworldTask.load(Path.of("../shared/data/alfworld"), "valid_seen");
        try {
            Alfworld.load(all.getFirst().gameFile());
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("ALFWorld engine not built yet");
        }
        Path data = dir.resolve("games");
        for (AlfworldTaskType type : AlfworldTaskType.values()) {
            AlfworldTask t = all.stream().filter(x -> x.type() == type).findFirst().orElseThrow();
            Path trial = data.resolve(t.name());
            Files.createDirectories(trial);
            Files.copy(t.gameFile(), trial.resolve(AlfworldTask.GAME_FILE));
        }
        Path out = dir.resolve("run");
        int code = Main.run("eval", "alfworld", "--agent", "oracle", "--data", data.toString(), "--out", out.toString(),
                "--no-progress", "--concurrency", "2");
        assertEquals(0, code);
        JsonNode metrics = Json.parse(Files.readString(out.resolve("metrics.json")));
        assertEquals(6, metrics.get("total").asInt());
        assertEquals(1.0, metrics.get("custom").get("overall").get("success_rate").asDouble());
        assertEquals(1.0, metrics.get("validation").get("completed").asDouble());
    }
}
