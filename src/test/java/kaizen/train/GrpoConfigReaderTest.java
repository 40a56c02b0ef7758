package kaizen.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kaizen.core.BadInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrpoConfigReaderTest {
    @TempDir
    Path dir;
    Path model;
    Path worker;

    @BeforeEach
    void fixtures() throws Exception {
        model = TrainFixtures.model(dir, 151936);
        Files.writeString(model.resolve("tokenizer.json"), "{}");
        worker = TrainFixtures.worker(dir);
    }

    private GrpoConfig read(String body) throws Exception {
        return GrpoConfigReader.read(TrainFixtures.yaml(dir, "g.yaml", body));
    }

    private String base() {
        return "name: g\nkind: grpo\nmodel: " + model + "\ntemplate: qwen2.5\nlaunch:\n  worker: " + worker + "\n";
    }

    @Test
    void defaultsAreThePlansSettings() throws Exception {
        GrpoConfig c = read(base());
        assertEquals(4, c.grpo().generations());
        assertEquals(0.8, c.grpo().temperature());
        assertEquals(0.05, c.grpo().kl());
        assertEquals(1e-6, c.grpo().learningRate());
        assertEquals(1024, c.grpo().maxNewTokens());
        assertEquals(0.2, c.grpo().clip());
        assertEquals(GrpoConfig.Env.HOUSEHOLD, c.tasks().env());
        assertTrue(c.serving().isEmpty(), "the worker's own generation server by default");
        assertEquals(model, c.tokenizer());
        assertEquals(Path.of("runs/train/g"), c.out());
        assertEquals(GrpoConfig.LossNormalization.EPISODE, c.grpo().lossNormalization());
        assertEquals(GrpoConfig.LossNormalization.TOKEN, read(base() + "grpo:\n  loss_normalization: token\n").grpo().lossNormalization());
        assertEquals(0, c.tasks().heldOutSamples(), "held-out tasks are played greedily only, by default");
        assertEquals(4, read(base() + "tasks:\n  held_out_samples: 4\n").tasks().heldOutSamples());
    }

    @Test
    void anInvalidActionPenaltyIsOffByDefaultAndBounded() throws Exception {
        assertEquals(0.0, read(base()).grpo().invalidPenalty());
        assertEquals(0.25, read(base() + "grpo:\n  invalid_penalty: 0.25\n").grpo().invalidPenalty());
        BadInputException e = assertThrows(BadInputException.class, () -> read(base() + "grpo:\n  invalid_penalty: -0.1\n"));
        assertTrue(e.getMessage().contains("grpo.invalid_penalty"), e.getMessage());
    }

    /** worker.json must hold exactly the worker's GrpoSettings fields (it refuses others); test_grpo.py checks the same list against them. */
    @Test
    void theWorkerSettingsAreExactlyTheFieldsTheWorkerReads() throws Exception {
        List<String> fields = Files.readAllLines(Path.of("src/test/resources/golden/train/grpo-worker-settings.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        Map<String, Object> settings = GrpoWorker.settings(read(base() + "grpo:\n  temperature: 0.7\n"), List.of(151645), 151643, 151669);
        assertEquals(fields, List.copyOf(settings.keySet()));
        assertEquals(0.7, settings.get("temperature"), "the step trains the distribution the rollouts sample");
    }

    @Test
    void errorsNameTheLineAndTheField() throws Exception {
        BadInputException e = assertThrows(BadInputException.class, () -> read(base() + "grpo:\n  generatoins: 8\n"));
        assertTrue(e.getMessage().contains(":8") && e.getMessage().contains("generations"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> read(base() + "grpo:\n  generations: 1\n"));
        assertTrue(e.getMessage().contains("grpo.generations"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> read(base() + "tasks:\n  env: dbbench\n"));
        assertTrue(e.getMessage().contains("tasks.file") && e.getMessage().contains("kaizen data gen dbbench"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> read(base().replace("kind: grpo", "kind: sft")));
        assertTrue(e.getMessage().contains("kaizen train sft"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> read(base() + "tokenizer: " + dir + "\n"));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> read(base() + "tasks:\n  seed: 1000000000\n"));
        assertTrue(e.getMessage().contains("tasks.seed"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> read(base() + "grpo:\n  loss_normalization: sequence\n"));
        assertTrue(e.getMessage().contains("grpo.loss_normalization") && e.getMessage().contains("episode"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> read(base() + "tasks:\n  held_out_samples: 65\n"));
        assertTrue(e.getMessage().contains("tasks.held_out_samples"), e.getMessage());
    }
}
