package kaizen.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerProtocolTest {
    @TempDir
    Path dir;

    private RunConfig config(String extra) throws Exception {
        Path model = TrainFixtures.model(dir, 128);
        Path data = TrainFixtures.sftData(dir, 4);
        Path worker = TrainFixtures.worker(dir);
        return RunConfigReader.read(TrainFixtures.yaml(dir, "r.yaml", TrainFixtures.sftRun(dir, model, data, worker, extra)), RunConfig.Kind.SFT);
    }

    @Test
    void oneGpuRunsTheModuleAndSeveralRunItUnderTorchrun() throws Exception {
        Path json = dir.resolve("run/worker.json");
        WorkerCommand one = WorkerCommand.of(config(""), json, false, "");
        assertEquals(List.of("python3", "-m", "kaizen_worker", "sft", "--config", json.toString()), one.argv());
        assertEquals(dir.resolve("worker").toAbsolutePath().toString(), one.environment().get("PYTHONPATH"));
        assertEquals("1", one.environment().get("HF_HUB_OFFLINE"));
        WorkerCommand four = WorkerCommand.of(config("launch:\n  gpus: 4\n  python: /opt/py/bin/python3\n  worker: " + dir.resolve("worker") + "\n"),
                json, true, "/extra");
        assertEquals(List.of("/opt/py/bin/python3", "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "4",
                "-m", "kaizen_worker", "sft", "--config", json.toString(), "--resume"), four.argv());
        assertTrue(four.environment().get("PYTHONPATH").endsWith(":/extra"));
        assertEquals("0", four.environment().get("NCCL_NVLS_ENABLE"));
    }

    @Test
    void eventsAreParsedAndOtherLinesAreNot() {
        var step = assertInstanceOf(WorkerEvent.Step.class, WorkerEvent.parse(
                "{\"event\": \"step\", \"step\": 3, \"steps\": 9, \"loss\": 1.5, \"lr\": 0.0001, \"tokens_per_s\": 1234.5}").orElseThrow());
        assertEquals(3, step.step());
        assertEquals(1.5, step.loss());
        assertEquals(1234.5, step.tokensPerSecond());
        var start = assertInstanceOf(WorkerEvent.Start.class,
                WorkerEvent.parse("{\"event\":\"start\",\"steps\":9,\"quantization\":\"none\",\"requested_quantization\":\"4bit\"}").orElseThrow());
        assertEquals("4bit", start.requestedQuantization());
        assertInstanceOf(WorkerEvent.Checkpoint.class, WorkerEvent.parse("{\"event\":\"checkpoint\",\"step\":2,\"path\":\"p\"}").orElseThrow());
        assertInstanceOf(WorkerEvent.Other.class, WorkerEvent.parse("{\"event\":\"future\"}").orElseThrow());
        assertTrue(WorkerEvent.parse("Loading weights: 100%").isEmpty());
        assertTrue(WorkerEvent.parse("{not json").isEmpty());
        assertTrue(WorkerEvent.parse("{\"no_event\": 1}").isEmpty());
    }
}
