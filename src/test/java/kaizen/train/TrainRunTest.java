package kaizen.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.KaizenException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java side of a run against a real child process: a stand-in worker (Python, no torch) that
 * speaks the worker's event protocol and writes checkpoint folders the way the worker does.
 */
class TrainRunTest {
    private static final String STAND_IN = """
            import json, pathlib, sys
            args = sys.argv[1:]
            cfg = json.loads(pathlib.Path(args[2]).read_text())
            out = pathlib.Path(cfg["out"]); ck = out / "checkpoints"
            fail = out / "fail-at"
            start = 0
            if "--resume" in args:
                done = sorted(p for p in ck.glob("step-*") if (p / "state.json").exists())
                start = int(done[-1].name[5:])
                print(json.dumps({"event": "resumed", "step": start, "checkpoint": str(done[-1])}))
            print(json.dumps({"event": "start", "steps": 4, "quantization": "none", "requested_quantization": cfg["quantization"]}))
            print("Loading weights: 100%")
            for s in range(start + 1, 5):
                if fail.exists() and fail.read_text() == str(s):
                    print("Traceback: CUDA out of memory", file=sys.stderr); sys.exit(3)
                print(json.dumps({"event": "step", "step": s, "steps": 4, "loss": 1.0 / s, "lr": 1e-4, "tokens_per_s": 100.0}))
                p = ck / f"step-{s:07d}"; p.mkdir(parents=True, exist_ok=True); (p / "state.json").write_text("{}")
                print(json.dumps({"event": "checkpoint", "step": s, "path": str(p)}))
                if cfg["stop_after_steps"] == s:
                    print(json.dumps({"event": "stopped", "step": s})); sys.exit(0)
            print(json.dumps({"event": "done", "adapter": str(out / "adapter"), "merged": ""}))
            """;

    @TempDir
    Path dir;
    Path runFile;
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void fixtures() throws Exception {
        Path model = TrainFixtures.model(dir, 128);
        Path data = TrainFixtures.sftData(dir, 40);
        Path worker = TrainFixtures.worker(dir);
        Files.writeString(worker.resolve("kaizen_worker/__main__.py"), STAND_IN);
        runFile = TrainFixtures.yaml(dir, "run.yaml", TrainFixtures.sftRun(dir, model, data, worker, "train:\n  effective_batch: 4\n"));
    }

    private RunRecord run(boolean dryRun, int stopAfter) {
        RunConfig c = RunConfigReader.read(runFile, RunConfig.Kind.SFT);
        return new TrainRun(c, new TrainRun.Options(dryRun, stopAfter, false, new PrintStream(err)), m -> {
            throw new AssertionError("token data needs no renderer");
        }).run().orElseThrow();
    }

    private static void needPython() {
        try {
            Assumptions.assumeTrue(new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0, "python3 runs");
        } catch (Exception e) {
            Assumptions.abort("no python3 to run the stand-in worker");
        }
    }

    private List<Long> metricSteps() {
        return Jsonl.readAll(dir.resolve("run/metrics.jsonl")).stream().map(JsonlRecord::node).map(n -> n.path("step").asLong()).toList();
    }

    private JsonNode runJson() throws Exception {
        return kaizen.core.Json.parse(Files.readString(dir.resolve("run/run.json")));
    }

    @Test
    void dryRunWritesShardsWorkerSettingsAndRecordOnly() throws Exception {
        RunRecord r = run(true, 0);
        assertEquals(RunRecord.Status.PREPARED, r.status());
        assertEquals(40, ShardIndex.read(dir.resolve("run/shards")).examples());
        JsonNode worker = kaizen.core.Json.parse(Files.readString(dir.resolve("run/worker.json")));
        assertEquals(64, worker.path("lora").path("r").asInt());
        assertEquals(4, worker.path("effective_batch").asInt());
        assertFalse(Files.exists(dir.resolve("run/metrics.jsonl")));
        assertEquals(r.shards().shards().getFirst().sha256(), runJson().path("shards").path("shards").get(0).path("sha256").asText());
    }

    @Test
    void aRunStreamsMetricsAndRegistersTheAdapter() throws Exception {
        needPython();
        RunRecord r = run(false, 0);
        assertEquals(RunRecord.Status.DONE, r.status());
        assertEquals(List.of(1L, 2L, 3L, 4L), metricSteps());
        assertEquals(4, runJson().path("checkpoint_step").asLong());
        assertEquals(dir.resolve("run/adapter").toAbsolutePath().toString(), runJson().path("adapter").asText());
        assertTrue(Files.readString(dir.resolve("run/worker.log")).contains("Loading weights"), "chatter goes to the log");
        RunConfig c = RunConfigReader.read(runFile, RunConfig.Kind.SFT);
        assertTrue(new TrainRun(c, new TrainRun.Options(false, 0, false, new PrintStream(err)), m -> null).run().isEmpty(),
                "a finished run is left alone");
    }

    @Test
    void anInterruptedRunResumesFromItsLastCheckpointAndLogsEachStepOnce() throws Exception {
        needPython();
        assertEquals(RunRecord.Status.STOPPED, run(false, 2).status());
        assertEquals(List.of(1L, 2L), metricSteps());
        // A crash after step 3's metrics line but before its checkpoint: that line must go.
        Files.writeString(dir.resolve("run/metrics.jsonl"), "{\"step\":3,\"loss\":0.3}\n", java.nio.file.StandardOpenOption.APPEND);
        RunRecord r = run(false, 0);
        assertEquals(RunRecord.Status.DONE, r.status());
        assertTrue(r.command().contains("--resume"));
        assertEquals(List.of(1L, 2L, 3L, 4L), metricSteps());
        assertTrue(err.toString().contains("resuming from"), err.toString());
    }

    @Test
    void aFailedWorkerKeepsItsCheckpointAndSaysHowToResume() throws Exception {
        needPython();
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("run/fail-at"), "3");
        KaizenException e = assertThrows(KaizenException.class, () -> run(false, 0));
        assertTrue(e.getMessage().contains("CUDA out of memory"), e.getMessage());
        assertTrue(e.getMessage().contains("resume from step 2"), e.getMessage());
        assertEquals("failed", runJson().path("status").asText());
        assertEquals(2, runJson().path("checkpoint_step").asLong());
    }

    @Test
    void aChangedConfigurationInAnExistingRunFolderIsRefused() throws Exception {
        run(true, 0);
        Files.writeString(runFile, Files.readString(runFile) + "lora:\n  r: 8\n");
        KaizenException e = assertThrows(KaizenException.class, () -> run(true, 0));
        assertTrue(e.getMessage().contains("changed: lora"), e.getMessage());
    }
}
