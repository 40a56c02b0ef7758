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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kaizen.core.Json;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.KaizenException;
import kaizen.core.Message;
import kaizen.harness.FinishStatus;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;
import kaizen.harness.model.ModelUnavailableException;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.harness.runner.EvalReport;
import kaizen.report.RunData;
import kaizen.tokenizer.ChatEncoder;
import kaizen.train.reward.EpisodeReward;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GRPO loop against a real child process: a stand-in worker (Python standard library, no
 * torch) that serves /v1/completions on token ids as the worker does, sampling one of two scripted
 * replies ("yes" or "no", as token ids of the real tokenizer; always "yes" at temperature 0), and records every batch posted to
 * /kaizen/step. Tasks are two-turn episodes rewarded 1 for "yes" on both turns, ½ for one.
 */
class GrpoRunTest {
    private static final Path TOKENIZER = Path.of("../shared/data/qwen-tokenizer");

    private static final String STAND_IN = """
            import json, pathlib, random, sys, threading
            from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
            args = sys.argv[1:]
            cfg = json.loads(pathlib.Path(args[2]).read_text())
            out = pathlib.Path(cfg["out"]); ck = out / "checkpoints"
            replies = json.loads((out.parent / "replies.json").read_text())
            rng = random.Random(7)
            step = 0
            if "--resume" in args:
                done = sorted(p for p in ck.glob("step-*") if (p / "state.json").exists())
                if done:
                    step = int(done[-1].name[5:])
                    print(json.dumps({"event": "resumed", "step": step, "checkpoint": str(done[-1])}), flush=True)
            state = {"step": step, "batches": 0}
            stop = threading.Event()
            def write_adapter(path, at_step):
                p = pathlib.Path(path); p.mkdir(parents=True, exist_ok=True)
                (p / "adapter_config.json").write_text(json.dumps({"step": at_step}))
                return str(p)
            class H(BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def log_message(self, *a): pass
                def do_POST(self):
                    body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                    if self.path == "/v1/completions":
                        assert all(isinstance(t, int) for t in body["prompt"])
                        # greedy (temperature 0) always says the first reply; sampling draws either
                        ids = (replies[0] if body["temperature"] == 0 else rng.choice(replies)) + cfg["end_ids"][:1]
                        state["batches"] += 1
                        r = {"choices": [{"index": 0, "text": "", "finish_reason": "stop", "logprobs": {
                            "tokens": ["token_id:%d" % t for t in ids], "token_logprobs": [-0.25] * len(ids)}}]}
                    elif self.path == "/kaizen/step":
                        state["step"] += 1
                        with open(out / "batches.jsonl", "a") as f:
                            f.write(json.dumps(body) + "\\n")
                        n = sum(sum(r["trained"]) for r in body["rows"])
                        r = {"step": state["step"], "loss": 0.5, "kl": 0.01 * state["step"], "trained_tokens": n}
                    elif self.path == "/kaizen/checkpoint":
                        p = ck / ("step-%07d" % body["step"]); p.mkdir(parents=True, exist_ok=True)
                        (p / "state.json").write_text("{}")
                        if body["adapter"]:  # the run's last step also asks for the final adapter
                            write_adapter(body["adapter"], body["step"])
                        r = {"path": str(p), "step": body["step"]}
                    elif self.path == "/kaizen/adapter":
                        r = {"path": write_adapter(body["path"], state["step"]), "step": state["step"]}
                    elif self.path == "/kaizen/stats":
                        r = {"batches": state["batches"], "generation_busy_s": 0.0, "step": state["step"]}
                    elif self.path == "/kaizen/shutdown":
                        r = {}; stop.set()
                    else:
                        self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers(); return
                    data = json.dumps(r).encode()
                    self.send_response(200); self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
            s = ThreadingHTTPServer(("127.0.0.1", 0), H)
            threading.Thread(target=s.serve_forever, daemon=True).start()
            print("Loading weights: 100%", flush=True)
            print(json.dumps({"event": "serving", "port": s.server_address[1], "step": step, "gpu": "stand-in"}), flush=True)
            stop.wait()
            """;

    @TempDir
    Path dir;
    Path runFile;
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    ChatEncoder encoder;

    @BeforeEach
    void fixtures() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(TOKENIZER.resolve("tokenizer.json")), "the Qwen tokenizer in ../shared/data");
        try {
            Assumptions.assumeTrue(new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0, "python3 runs");
        } catch (Exception e) {
            Assumptions.abort("no python3 to run the stand-in worker");
        }
        encoder = ChatEncoder.forModel(TOKENIZER, "qwen2.5");
        Path model = TrainFixtures.model(dir, 151936);
        Path worker = TrainFixtures.worker(dir);
        Files.writeString(worker.resolve("kaizen_worker/__main__.py"), STAND_IN);
        Files.writeString(dir.resolve("replies.json"), Json.write(List.of(encoder.tokenizer().encode("yes"), encoder.tokenizer().encode("no"))));
        runFile = TrainFixtures.yaml(dir, "grpo.yaml", "name: g\nkind: grpo\nmodel: " + model + "\ntemplate: qwen2.5\ntokenizer: " + TOKENIZER
                + "\nout: " + dir.resolve("run") + "\ntasks:\n  held_out: 3\n  eval_every: 2\n"
                + "grpo:\n  steps: 4\n  prompts_per_step: 3\n  generations: 4\n  save_every: 1\n  concurrency: 5\nlaunch:\n  worker: " + worker + "\n");
    }

    /** Two turns; "yes" earns ½ a turn. */
    private record YesTask(String id) implements RolloutTasks.Task {
        @Override
        public String kind() {
            return id.endsWith("0") ? "kind-a" : "kind-b";
        }

        @Override
        public RolloutTasks.Played play(ChatModel model) throws ModelUnavailableException {
            List<Message> history = new ArrayList<>(List.of(Message.user("Say yes. " + id)));
            int yes = 0;
            for (int turn = 0; turn < 2; turn++) {
                String reply = ((ModelReply.Text) model.complete(history)).content();
                if (reply.equals("yes")) yes++;
                history.add(Message.assistant(reply));
                history.add(Message.user("Again."));
            }
            int index = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
            var record = new EpisodeRecord(index, FinishStatus.COMPLETED, Map.of("task_id", id, "yes", yes), history, yes == 2, 2, 0);
            return new RolloutTasks.Played(EpisodeReward.of(yes == 2, yes / 2.0, 1.0), record);
        }
    }

    private static final RolloutTasks TASKS = new RolloutTasks() {
        @Override
        public Task training(long k) {
            return new YesTask("train-" + k);
        }

        @Override
        public List<Task> heldOut() {
            return List.of(new YesTask("held-0"), new YesTask("held-1"), new YesTask("held-2"));
        }

        /** An evaluation's blocks, with which task each episode played for the test to check. */
        @Override
        public Map<String, Object> heldOutMetrics(List<Integer> taskOf, List<EpisodeRecord> episodes, String agent,
                Map<String, Object> extra) {
            return EvalReport.overall(episodes, Map.of("overall", EvalReport.successRate(episodes), "task_of", taskOf),
                    EvalReport.kaizenCounts(episodes.size(), episodes, 0, agent, extra));
        }
    };

    private java.util.Map<String, Object> run(int stopAfter) {
        return new GrpoRun(GrpoConfigReader.read(runFile), new GrpoRun.Options(false, new PrintStream(err), stopAfter, 0), TASKS).run();
    }

    /** A held-out folder's episodes, in index order. */
    private static List<EpisodeRecord> records(Path folder) {
        return Jsonl.readAll(folder.resolve("episodes.jsonl")).stream().map(EpisodeRecord::fromJson)
                .sorted(java.util.Comparator.comparingInt(EpisodeRecord::index)).toList();
    }

    private List<JsonNode> lines(String file) {
        return Jsonl.readAll(dir.resolve("run").resolve(file)).stream().map(JsonlRecord::node).toList();
    }

    @Test
    void stepsSendTokenBatchesWithGroupAdvantagesAndOnlyModelTokensTrained() throws Exception {
        var record = run(0);
        assertEquals("done", record.get("status"));
        List<JsonNode> metrics = lines("metrics.jsonl");
        assertEquals(List.of(1, 2, 3, 4), metrics.stream().map(m -> m.path("step").asInt()).toList());
        for (JsonNode m : metrics) {
            assertEquals(12, m.path("episodes").asInt());
            assertEquals(2.0, m.path("turns").asDouble(), 1e-9);
            assertEquals(2.0, m.path("response_tokens").asDouble() / 2, 1e-9, "one reply token + <|im_end|> a turn");
        }
        int yes = encoder.tokenizer().encode("yes")[0], no = encoder.tokenizer().encode("no")[0];
        int imEnd = encoder.tokenizer().tokenId("<|im_end|>").orElseThrow();
        for (JsonNode batch : lines("batches.jsonl")) {
            double advSum = 0;
            for (JsonNode row : batch.path("rows")) {
                int[] ids = Json.mapper().treeToValue(row.path("ids"), int[].class);
                int[] trained = Json.mapper().treeToValue(row.path("trained"), int[].class);
                double[] old = Json.mapper().treeToValue(row.path("old_logprobs"), double[].class);
                List<Integer> written = new ArrayList<>();
                for (int i = 0; i < ids.length; i++) {
                    if (trained[i] == 1) {
                        written.add(ids[i]);
                        assertEquals(-0.25, old[i], 1e-6);
                    } else {
                        assertEquals(0.0, old[i]);
                    }
                }
                // both turns share one row (turn 2's prompt extends turn 1's) and only replies are trained
                assertEquals(4, written.size(), "two replies of one token + <|im_end|>");
                assertTrue(written.get(0) == yes || written.get(0) == no);
                assertEquals(imEnd, written.get(1));
                assertEquals(imEnd, written.get(3));
                advSum += row.path("advantage").asDouble();
            }
            assertEquals(0.0, advSum, 1e-9, "advantages of each sent group sum to 0");
            assertEquals(1e-6, batch.path("learning_rate").asDouble(), 0);
        }
        List<JsonNode> evals = lines(GrpoRun.EVAL_FILE);
        assertEquals(List.of(0, 2, 4), evals.stream().map(m -> m.path("step").asInt()).toList());
        for (JsonNode e : evals) {  // held-0 is kind-a, held-1 and held-2 kind-b; every episode "completed"
            assertEquals(1, e.path("by_kind").path("kind-a").path("episodes").asInt());
            assertEquals(2, e.path("by_kind").path("kind-b").path("episodes").asInt());
            double success = (e.path("by_kind").path("kind-a").path("success_rate").asDouble()
                    + 2 * e.path("by_kind").path("kind-b").path("success_rate").asDouble()) / 3;
            assertEquals(e.path("success_rate").asDouble(), success, 1e-9);
            assertEquals(3, e.path("finish").path("completed").asInt());
            // the greedy episodes themselves, as kaizen eval writes them
            List<EpisodeRecord> held = Jsonl.readAll(GrpoRun.heldOutFolder(dir.resolve("run"), e.path("step").asInt()).resolve("episodes.jsonl"))
                    .stream().map(EpisodeRecord::fromJson).toList();
            assertEquals(List.of(0, 1, 2), held.stream().map(EpisodeRecord::index).sorted().toList());
            assertEquals(e.path("success_rate").asDouble(), held.stream().filter(EpisodeRecord::correct).count() / 3.0, 1e-9);
            assertTrue(held.stream().allMatch(r -> r.resultText("task_id").startsWith("held-") && r.history().size() == 5));
        }
        assertTrue(Files.size(dir.resolve("run/curve.png")) > 1000);
        assertTrue(metrics.getFirst().path("generation_busy_fraction").isNumber(), "the worker's own sampler's busy share");
        assertTrue(Files.readString(dir.resolve("run/worker.log")).contains("Loading weights"));
    }

    @Test
    void heldOutTasksAreAlsoSampledAtTheTrainingTemperatureWhenAsked() throws Exception {
        Files.writeString(runFile, Files.readString(runFile).replace("  eval_every: 2\n", "  eval_every: 2\n  held_out_samples: 4\n"));
        assertEquals("done", run(0).get("status"));
        List<JsonNode> evals = lines(GrpoRun.EVAL_FILE);
        assertEquals(3, evals.size());
        double sampledSuccess = 0;
        for (JsonNode e : evals) {
            assertEquals(3, e.path("episodes").asInt());
            assertEquals(1.0, e.path("success_rate").asDouble(), "greedy play always answers yes");
            JsonNode sampled = e.path("sampled");
            assertEquals(4, sampled.path("samples").asInt());
            assertEquals(0.8, sampled.path("temperature").asDouble());
            assertEquals(12, sampled.path("episodes").asInt(), "3 held-out tasks x 4 samples");
            assertEquals(12, sampled.path("finish").path("completed").asInt());
            sampledSuccess += sampled.path("success_rate").asDouble() / evals.size();
            // the sampled episodes themselves: sample k of task p is episode 3k + p, with p's task id
            int step = e.path("step").asInt();
            List<EpisodeRecord> greedy = records(GrpoRun.heldOutFolder(dir.resolve("run"), step));
            List<EpisodeRecord> drawn = records(GrpoRun.sampledFolder(dir.resolve("run"), step));
            assertEquals(java.util.stream.IntStream.range(0, 12).boxed().toList(), drawn.stream().map(EpisodeRecord::index).toList());
            for (EpisodeRecord r : drawn) {
                assertEquals(greedy.get(r.index() % 3).resultText("task_id"), r.resultText("task_id"), "episode " + r.index());
            }
            assertEquals(sampled.path("success_rate").asDouble(), drawn.stream().filter(EpisodeRecord::correct).count() / 12.0, 1e-9);
            // both folders read back as evaluation runs: agent, score, and each episode's task
            Path run = dir.resolve("run");
            JsonNode drawnMetrics = Json.parse(Files.readString(GrpoRun.sampledFolder(run, step).resolve("metrics.json")));
            assertEquals("[0,1,2,0,1,2,0,1,2,0,1,2]", Json.write(drawnMetrics.path("custom").path("task_of")));
            assertEquals(12, drawnMetrics.path("total").asInt());
            assertEquals(4, drawnMetrics.path("kaizen").path("samples").asInt());
            RunData greedyRun = RunData.read(GrpoRun.heldOutFolder(run, step));
            RunData sampledRun = RunData.read(GrpoRun.sampledFolder(run, step));
            assertEquals("g step " + step + ", greedy", greedyRun.agent());
            assertEquals("g step " + step + ", 4 samples at T 0.80", sampledRun.agent());
            assertEquals(Optional.of(1.0), greedyRun.agentBenchScore());
            assertEquals(Optional.of(sampled.path("success_rate").asDouble()), sampledRun.agentBenchScore());
        }

        // each sampled episode succeeds with probability 1/4: 36 of them all succeeding is not chance
        assertTrue(sampledSuccess < 0.75, "sampled play draws replies at temperature 0.8: " + sampledSuccess);
        assertTrue(err.toString().contains("sampled at 0.80"), err.toString());
        assertEquals(4, Json.parse(Files.readString(dir.resolve("run/run.json"))).path("config").path("tasks").path("held_out_samples").asInt());
    }

    private FakeVllmLoraServer vllm() throws Exception {
        int end = encoder.tokenizer().tokenId("<|im_end|>").orElseThrow();
        FakeVllmLoraServer server = new FakeVllmLoraServer("sft-base", List.of(encoder.tokenizer().encode("yes"),
                encoder.tokenizer().encode("no")), end);
        // 6 prompts a step: a step with every group flat (no batch, nothing to publish) is then ~1e-7
        Files.writeString(runFile, Files.readString(runFile).replace("prompts_per_step: 3", "prompts_per_step: 6")
                + "serving:\n  url: " + server.url() + "\n");
        return server;
    }

    @Test
    void anExternalEndpointServesEachStepsAdapterAndDropsThePreviousOne() throws Exception {
        try (FakeVllmLoraServer server = vllm()) {
            assertEquals("done", run(0).get("status"));
            assertEquals(List.of("g-step-1", "g-step-2", "g-step-3", "g-step-4"), server.loads);
            assertEquals(List.of(1, 2, 3, 4), server.loadedSteps, "each adapter is the worker's state after that step");
            assertEquals(List.of("g-step-1", "g-step-2", "g-step-3"), server.unloads);
            assertEquals(List.of("g-step-4"), server.loadedNow());
            try (var left = Files.list(dir.resolve("run/adapters"))) {
                assertEquals(List.of("step-4"), left.map(p -> p.getFileName().toString()).toList(), "earlier steps' folders deleted");
            }
            // step 0's evaluation and step 1's rollouts ran on the base; later ones on the newest adapter
            List<String> models = server.completionModels;
            assertEquals("sft-base", models.getFirst());
            assertEquals("g-step-4", models.getLast());
            assertEquals(List.of("sft-base", "g-step-1", "g-step-2", "g-step-3", "g-step-4"), models.stream().distinct().toList());
            assertTrue(lines("metrics.jsonl").getFirst().path("generation_busy_fraction").isMissingNode(),
                    "the worker does not sample here: no busy share of its sampler is reported");
        }
    }

    @Test
    void aResumedRunGivesTheEndpointItsCheckpointedAdapterBeforeAnyRollout() throws Exception {
        try (FakeVllmLoraServer server = vllm()) {
            assertEquals("stopped", run(2).get("status"));
            assertEquals(List.of("g-step-2"), server.loadedNow());
            int before = server.completionModels.size();
            assertEquals("done", run(0).get("status"));
            // the stale g-step-2 of the interrupted process is unloaded, the resumed state loaded under its name
            assertEquals(List.of("g-step-1", "g-step-2", "g-step-2", "g-step-3", "g-step-4"), server.loads);
            assertEquals(List.of(1, 2, 2, 3, 4), server.loadedSteps);
            assertEquals("g-step-2", server.completionModels.get(before), "step 3's first rollout uses the resumed adapter");
        }
    }

    @Test
    void anInterruptedRunResumesAtItsCheckpointWithEachStepOnce() throws Exception {
        assertEquals("stopped", run(2).get("status"));
        assertEquals(List.of(1, 2), lines("metrics.jsonl").stream().map(m -> m.path("step").asInt()).toList());
        Files.writeString(dir.resolve("run/metrics.jsonl"), "{\"step\":3,\"reward_mean\":0.3}\n", java.nio.file.StandardOpenOption.APPEND);
        var record = run(0);
        assertEquals("done", record.get("status"));
        assertEquals(List.of(1, 2, 3, 4), lines("metrics.jsonl").stream().map(m -> m.path("step").asInt()).toList());
        assertEquals(List.of(0, 2, 4), lines(GrpoRun.EVAL_FILE).stream().map(m -> m.path("step").asInt()).toList());
        assertTrue(err.toString().contains("resuming from"), err.toString());
        assertTrue(((List<?>) record.get("worker")).contains("--resume"));
    }

    @Test
    void aFinishFileEndsTheRunAfterTheCurrentStepAndIsConsumedSoAResumeRunsOn() throws Exception {
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("run/FINISH"), "");
        var record = run(0);
        assertEquals("done", record.get("status"));
        assertEquals(1, record.get("finished_on_request"));
        assertEquals(List.of(1), lines("metrics.jsonl").stream().map(m -> m.path("step").asInt()).toList());
        assertEquals(List.of(0, 1), lines(GrpoRun.EVAL_FILE).stream().map(m -> m.path("step").asInt()).toList(), "a last step's evaluation");
        assertTrue(Files.readString(dir.resolve("run/adapter/adapter_config.json")).contains("\"step\": 1"), "the adapter of a last step");
        assertFalse(Files.exists(dir.resolve("run/FINISH")));
        assertTrue(err.toString().contains("FINISH found: step 1 is the last"), err.toString());

        assertEquals("done", run(0).get("status"));
        assertEquals(List.of(1, 2, 3, 4), lines("metrics.jsonl").stream().map(m -> m.path("step").asInt()).toList());
    }

    @Test
    void aFinishFileSeenAtARunsOwnLastStepIsConsumedTooSoItCannotCutALaterResume() throws Exception {
        Files.writeString(runFile, Files.readString(runFile).replace("steps: 4", "steps: 1"));
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("run/FINISH"), "");
        var record = run(0);
        assertEquals("done", record.get("status"));
        assertFalse(record.containsKey("finished_on_request"), "step 1 was the last anyway");
        assertFalse(Files.exists(dir.resolve("run/FINISH")));

        Files.writeString(runFile, Files.readString(runFile).replace("steps: 1", "steps: 4"));
        assertEquals("done", run(0).get("status"));
        assertEquals(List.of(1, 2, 3, 4), lines("metrics.jsonl").stream().map(m -> m.path("step").asInt()).toList());
    }

    @Test
    void aFolderOfAnotherConfigurationIsRefused() throws Exception {
        assertEquals("stopped", run(1).get("status"));
        Files.writeString(runFile, Files.readString(runFile).replace("generations: 4", "generations: 2"));
        KaizenException e = assertThrows(KaizenException.class, () -> run(0));
        assertTrue(e.getMessage().contains("different configuration"), e.getMessage());
    }
}
