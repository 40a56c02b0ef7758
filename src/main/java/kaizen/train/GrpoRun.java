package kaizen.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import kaizen.core.AtomicFile;
import kaizen.core.FileTree;
import kaizen.core.Json;
import kaizen.core.Jsonl;
import kaizen.core.JsonlAppender;
import kaizen.core.KaizenException;
import kaizen.core.Progress;
import kaizen.harness.model.ModelUnavailableException;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.harness.runner.EpisodeRunner;
import kaizen.harness.runner.EvalReport;
import kaizen.tokenizer.ChatEncoder;

/**
 * {@code kaizen train grpo}: each step samples {@code prompts_per_step} training tasks, plays
 * {@code generations} episodes of each through the harness against the policy's serving endpoint,
 * scores them, turns rewards into group-relative advantages, sends the token-level batch to the
 * worker for one clipped policy-gradient step with KL to the frozen base, and puts the new adapter
 * into the serving endpoint. Held-out tasks are played greedily (and {@code held_out_samples}
 * times each at the training temperature) at step 0, every {@code eval_every} steps and at the
 * end. Rerunning the same command resumes from the last checkpoint.
 */
public final class GrpoRun {
    static final String EVAL_FILE = "eval.jsonl";
    static final String RECORD = "run.json";
    /** Created by a user in the run folder: end after the current step, as if it were the last. */
    static final String FINISH_FILE = "FINISH";

    /**
     * Where an evaluation's greedy held-out episodes go (OUT/held-out/step-N/episodes.jsonl), each
     * as {@code kaizen eval} writes an episode: finish status, the turn log (output, action, the
     * world's answer) and the conversation — what the policy did at that step, not only how often
     * it succeeded.
     */
    static Path heldOutFolder(Path dir, int step) {
        return dir.resolve("held-out").resolve(String.format(Locale.ROOT, "step-%07d", step));
    }

    /**
     * Where an evaluation's sampled held-out episodes go (step-N/sampled/episodes.jsonl): sample k of
     * held-out task p is episode k × tasks + p, its task id in the result, so two evaluations' folders
     * pair episode by episode in {@code kaizen report} (same task, same sample slot).
     */
    static Path sampledFolder(Path dir, int step) {
        return heldOutFolder(dir, step).resolve("sampled");
    }

    /**
     * Draws DIR/curve.png again from the run folder's metrics.jsonl and eval.jsonl: for a run that
     * was cut off before its end (killed, machine taken back), or copied from another machine.
     */
    public static Path plotCurve(Path dir, PrintStream warnings) {
        if (!Files.isRegularFile(dir.resolve(MetricsLog.FILE))) {
            throw new KaizenException(dir + " has no " + MetricsLog.FILE + ": not a GRPO run folder, or no step finished yet");
        }
        return CurvePlot.write(dir, warnings);
    }

    /**
     * @param stopAfterSteps stop after this step's checkpoint, as an interruption would (0: never)
     * @param maxSeconds end the run after the first step that finishes past this many seconds, as if
     *     it were the last (held-out evaluation, adapter, curve); 0: no limit
     */
    public record Options(boolean progress, PrintStream err, int stopAfterSteps, long maxSeconds) {}

    /** One episode's outcome with the timings the throughput figures need. */
    record Episode(int group, String kind, RolloutTasks.Played played, List<RolloutModel.Turn> turns, long modelNanos,
                   long wallNanos) {
        int generatedTokens() {
            return turns.stream().mapToInt(t -> t.generated().length).sum();
        }
    }

    private final GrpoConfig config;
    private final Options options;
    private final RolloutTasks tasks;

    public GrpoRun(GrpoConfig config, Options options, RolloutTasks tasks) {
        this.config = config;
        this.options = options;
        this.tasks = tasks;
    }

    /** Runs (or resumes) the run; returns the final record (run.json). */
    public Map<String, Object> run() {
        Path dir = config.out();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KaizenException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        String configSha = TrainRun.sha256(Json.write(config.toJson()).getBytes(StandardCharsets.UTF_8));
        checkSameRun(dir, configSha);
        ChatEncoder encoder = ChatEncoder.forModel(config.tokenizer(), config.template());
        List<Integer> endIds = endIds(encoder);
        Path workerJson = dir.resolve("worker.json");
        AtomicFile.write(workerJson, Json.writePretty(GrpoWorker.settings(config, endIds, endIds.getFirst(), encoder.tokenizer().vocabSize())));
        boolean resume = Files.isDirectory(dir.resolve("checkpoints"));
        WorkerCommand command = WorkerCommand.grpo(config, workerJson, resume, Optional.ofNullable(System.getenv("PYTHONPATH")).orElse(""));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", config.name());
        record.put("kind", "grpo");
        record.put("config", config.toJson());
        record.put("config_sha256", configSha);
        record.put("worker", command.argv());
        try (GrpoWorker worker = GrpoWorker.start(command, dir, options.err());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            int start = worker.serving().path("step").asInt();
            MetricsLog.keepUpTo(dir, start);
            MetricsLog.keepUpTo(dir, EVAL_FILE, start);
            record.put("device", worker.serving().path("gpu").asText());
            Loop loop = new Loop(dir, worker, encoder, pool, record);
            return loop.run(start);
        }
    }

    /** The tokens that end a reply: the template's end-of-turn token first. */
    static List<Integer> endIds(ChatEncoder encoder) {
        List<Integer> ids = new ArrayList<>();
        for (String t : List.of("<|im_end|>", "<|endoftext|>")) encoder.tokenizer().tokenId(t).ifPresent(ids::add);
        if (ids.isEmpty()) throw new KaizenException("the tokenizer has no <|im_end|> token; GRPO needs the Qwen chat format");
        return List.copyOf(ids);
    }

    private final class Loop {
        final Path dir;
        final GrpoWorker worker;
        final ChatEncoder encoder;
        final ExecutorService pool;
        final Map<String, Object> record;
        final PolicyServer rollouts;
        final Semaphore slots;
        /** The name the rollouts ask for while no updated adapter is served. */
        final String baseName;
        /** The step whose adapter an external endpoint serves now; 0 while it serves the base. */
        int servedStep;

        Loop(Path dir, GrpoWorker worker, ChatEncoder encoder, ExecutorService pool, Map<String, Object> record) {
            this.dir = dir;
            this.worker = worker;
            this.encoder = encoder;
            this.pool = pool;
            this.record = record;
            this.rollouts = config.serving().map(PolicyServer::at).orElse(worker.server());
            this.slots = new Semaphore(config.grpo().concurrency());
            this.baseName = config.serving().isPresent() ? servedBase() : config.name();
        }

        String policyName() {
            return servedStep > 0 ? adapterPrefix() + servedStep : baseName;
        }

        /**
         * The endpoint's base model (the SFT model: the fresh adapters start as zero updates), as
         * /v1/models names it: the entry with no parent. Adapters this run loaded earlier (a run
         * interrupted and resumed against the same server) are unloaded, so their names can be
         * loaded again.
         */
        String servedBase() {
            String base = null;
            for (JsonNode m : rollouts.get("/v1/models").path("data")) {
                String id = m.path("id").asText();
                if (m.path("parent").isNull() || m.path("parent").isMissingNode()) {
                    if (base == null) base = id;
                } else if (id.startsWith(adapterPrefix())) {
                    rollouts.command("/v1/unload_lora_adapter", Map.of("lora_name", id));
                }
            }
            if (base == null) {
                throw new KaizenException(config.serving().orElseThrow() + "/v1/models lists no base model (an entry without "
                        + "\"parent\"): is it a vLLM server started with the SFT model and --enable-lora?");
            }
            return base;
        }

        String adapterPrefix() {
            return config.name() + "-step-";
        }

        Map<String, Object> run(int start) {
            GrpoConfig.Grpo g = config.grpo();
            long started = System.nanoTime();
            int end = g.steps();
            status("running", start);
            try (JsonlAppender metrics = new JsonlAppender(dir.resolve(MetricsLog.FILE));
                 JsonlAppender evals = new JsonlAppender(dir.resolve(EVAL_FILE));
                 Progress progress = new Progress("grpo", g.steps(), options.err(), options.progress())) {
                if (start > 0) {
                    progress.resumedAt(start);
                    publish(start);  // an external endpoint serves the base until it is given the resumed adapter
                }
                if (start == 0 && !tasks.heldOut().isEmpty()) evals.append(evaluate(0));
                for (int step = start + 1; step <= end; step++) {
                    Map<String, Object> m = step(step);
                    metrics.append(m);
                    progress.detail(String.format(Locale.ROOT, "reward %.3f  success %.2f  kl %.4f",
                            (double) m.get("reward_mean"), (double) m.get("success_rate"), (double) m.getOrDefault("kl", 0.0)));
                    progress.succeeded();
                    if (options.maxSeconds() > 0 && System.nanoTime() - started > options.maxSeconds() * 1_000_000_000L && step < end) {
                        options.err().println("time limit of " + options.maxSeconds() + " s reached: step " + step + " is the last");
                        end = step;
                        record.put("time_limited", true);
                    }
                    // consumed even when this step ends the run anyway, so it cannot cut short a later resume
                    if (finishAsked() && step < end) {
                        options.err().println(FINISH_FILE + " found: step " + step + " is the last");
                        end = step;
                        record.put("finished_on_request", step);
                    }
                    boolean last = step == end;
                    int every = config.tasks().evalEvery();
                    if (!tasks.heldOut().isEmpty() && (last || (every > 0 && step % every == 0))) evals.append(evaluate(step));
                    boolean stopping = options.stopAfterSteps() > 0 && step == options.stopAfterSteps();
                    if (last || stopping || step % g.saveEvery() == 0) {
                        JsonNode saved = worker.server().call("/kaizen/checkpoint", Map.of("step", step,
                                "adapter", last ? dir.resolve("adapter").toAbsolutePath().toString() : ""));
                        record.put("checkpoint", Map.of("step", step, "path", saved.path("path").asText()));
                        status("running", step);
                    }
                    if (stopping) {
                        options.err().println("stopped after step " + step + " as asked");
                        return status("stopped", step);
                    }
                }
            }
            CurvePlot.write(dir, options.err());
            record.put("adapter", dir.resolve("adapter").toString());
            return status("done", end);
        }

        /**
         * Whether someone asked the run to end after the step that just finished, by creating
         * OUT/FINISH (e.g. when a machine's time is running out and a hard stop would lose the last
         * evaluation and the adapter). The file is consumed whenever seen, so a later resume runs on
         * to the end.
         */
        boolean finishAsked() {
            Path file = dir.resolve(FINISH_FILE);
            if (!Files.exists(file)) return false;
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new KaizenException("cannot delete " + file + " after honouring it: " + e.getMessage(), e);
            }
            return true;
        }

        Map<String, Object> step(int step) {
            GrpoConfig.Grpo g = config.grpo();
            JsonNode before = worker.server().call("/kaizen/stats", Map.of());
            long t0 = System.nanoTime();
            List<RolloutTasks.Task> prompts = new ArrayList<>();
            for (int p = 0; p < g.promptsPerStep(); p++) prompts.add(tasks.training((long) (step - 1) * g.promptsPerStep() + p));
            List<Episode> episodes = play(prompts, g.generations(), g.temperature());
            long rolloutNanos = System.nanoTime() - t0;
            JsonNode after = worker.server().call("/kaizen/stats", Map.of());

            List<Map<String, Object>> rows = new ArrayList<>();
            int flatGroups = 0;
            for (int p = 0; p < prompts.size(); p++) {
                List<Episode> group = new ArrayList<>();
                for (Episode e : episodes) if (e.group() == p) group.add(e);
                double[] rewards = group.stream().mapToDouble(e -> e.played().shaped(g.invalidPenalty())).toArray();
                double[] adv = GroupAdvantages.of(rewards);
                boolean flat = true;
                for (double a : adv) flat &= a == 0;
                if (flat) {
                    flatGroups++;
                    continue;
                }
                for (int i = 0; i < group.size(); i++) {
                    List<EpisodeTokens.Row> sent = EpisodeTokens.rows(group.get(i).turns()).stream()
                            .filter(r -> r.trainedTokens() > 0 && !r.trained()[0]).toList();
                    double weight = EpisodeTokens.tokenWeight(sent, g.lossNormalization());
                    for (EpisodeTokens.Row r : sent) {
                        rows.add(Map.of("ids", r.ids(), "trained", flags(r.trained()), "old_logprobs", r.oldLogprobs(),
                                "advantage", adv[i], "token_weight", weight));
                    }
                }
            }
            long t1 = System.nanoTime();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", step);
            m.putAll(summary(episodes));
            m.put("flat_groups", flatGroups);
            m.put("rows", rows.size());
            if (!rows.isEmpty()) {
                JsonNode r = worker.server().call("/kaizen/step", Map.of("rows", rows, "learning_rate", g.learningRate()));
                for (String k : List.of("loss", "kl", "entropy", "ratio", "clipped", "logprob_gap", "grad_norm", "trained_tokens", "tokens")) {
                    m.put(k, r.path(k).asDouble());
                }
                publish(step);
            }
            long trainNanos = System.nanoTime() - t1;
            double rolloutS = rolloutNanos / 1e9;
            double busy = after.path("generation_busy_s").asDouble() - before.path("generation_busy_s").asDouble();
            m.put("rollout_s", rolloutS);
            m.put("train_s", trainNanos / 1e9);
            m.put("episodes_per_s", episodes.size() / rolloutS);
            if (config.serving().isEmpty()) m.put("generation_busy_fraction", busy / rolloutS);  // an external server's is not known
            m.put("generation_batches", after.path("batches").asInt() - before.path("batches").asInt());
            double prompted = after.path("prompt_tokens").asDouble() - before.path("prompt_tokens").asDouble();
            if (prompted > 0) {  // the share of prompt tokens the worker's prefix cache spared a prefill
                m.put("prefix_reused_share", (after.path("prefix_reused_tokens").asDouble()
                        - before.path("prefix_reused_tokens").asDouble()) / prompted);
            }
            return m;
        }

        /**
         * Makes the updated adapter the one the rollouts use: already true for the worker's server.
         * For an external endpoint the worker writes the live adapter (PEFT format, no optimizer
         * state) to OUT/adapters/step-N, the endpoint loads it under the name NAME-step-N, and the
         * previous step's adapter is unloaded and its folder deleted (one step's adapter of a 7B at
         * r 64 is ~0.6 GB; the run's checkpoints keep what a resume needs).
         */
        void publish(int step) {
            if (config.serving().isEmpty()) return;
            Path adapter = adapterDir(step);
            worker.server().call("/kaizen/adapter", Map.of("path", adapter.toString()));
            rollouts.command("/v1/load_lora_adapter", Map.of("lora_name", adapterPrefix() + step, "lora_path", adapter.toString()));
            if (servedStep > 0) {
                rollouts.command("/v1/unload_lora_adapter", Map.of("lora_name", policyName()));
                FileTree.delete(adapterDir(servedStep));
            }
            servedStep = step;
        }

        Path adapterDir(int step) {
            return dir.resolve("adapters").resolve("step-" + step).toAbsolutePath();
        }

        Map<String, Object> evaluate(int step) {
            List<RolloutTasks.Task> held = tasks.heldOut();
            List<Episode> episodes = play(held, 1, 0.0);
            writeHeldOut(heldOutFolder(dir, step), episodes, episodes.stream().map(e -> e.played().record()).toList(),
                    String.format(Locale.ROOT, "%s step %d, greedy", config.name(), step), step, 0.0, 1);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", step);
            m.putAll(summary(episodes));
            String sampledNote = "";
            int samples = config.tasks().heldOutSamples();
            if (samples > 0) {
                double temperature = config.grpo().temperature();
                Map<String, Object> sampled = new LinkedHashMap<>();
                sampled.put("samples", samples);
                sampled.put("temperature", temperature);
                List<Episode> drawn = play(held, samples, temperature);
                List<EpisodeRecord> records = new ArrayList<>();
                for (int i = 0; i < drawn.size(); i++) records.add(drawn.get(i).played().record().withIndex(i));
                writeHeldOut(sampledFolder(dir, step), drawn, records,
                        String.format(Locale.ROOT, "%s step %d, %d samples at T %.2f", config.name(), step, samples, temperature),
                        step, temperature, samples);
                sampled.putAll(summary(drawn));
                m.put("sampled", sampled);
                sampledNote = String.format(Locale.ROOT, "; sampled at %.2f: success %.3f, reward %.3f (%d episodes)", temperature,
                        (double) sampled.get("success_rate"), (double) sampled.get("reward_mean"), (int) sampled.get("episodes"));
            }
            options.err().printf(Locale.ROOT, "held-out at step %d: success %.3f, reward %.3f (%d episodes, greedy)%s%n", step,
                    (double) m.get("success_rate"), (double) m.get("reward_mean"), episodes.size(), sampledNote);
            return m;
        }

        /**
         * An evaluation's episodes and its metrics.json (the evaluation's blocks, the run, step and
         * decoding under "kaizen"), so {@code kaizen report} reads the folder like a {@code kaizen eval} run.
         */
        void writeHeldOut(Path folder, List<Episode> played, List<EpisodeRecord> records, String agent, int step,
                double temperature, int samples) {
            Jsonl.writeAll(folder.resolve(EpisodeRunner.EPISODES), records.stream().map(EpisodeRecord::toJson).toList());
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("grpo_run", config.name());
            extra.put("step", step);
            extra.put("temperature", temperature);
            extra.put("samples", samples);
            EvalReport.writeMetrics(folder, tasks.heldOutMetrics(played.stream().map(Episode::group).toList(), records, agent, extra));
        }

        /** Plays every task {@code times} times, at most {@code concurrency} episodes at once. */
        List<Episode> play(List<RolloutTasks.Task> list, int times, double temperature) {
            GrpoConfig.Grpo g = config.grpo();
            List<Future<Episode>> futures = new ArrayList<>();
            for (int k = 0; k < times; k++) {
                for (int p = 0; p < list.size(); p++) {
                    int group = p;
                    RolloutTasks.Task task = list.get(p);
                    futures.add(pool.submit(() -> {
                        slots.acquire();
                        try {
                            RolloutModel model = new RolloutModel(rollouts, encoder, policyName(), temperature, g.maxNewTokens(), g.maxContext());
                            long t0 = System.nanoTime();
                            RolloutTasks.Played played = task.play(model);
                            return new Episode(group, task.kind(), played, model.turns(), model.modelNanos(), System.nanoTime() - t0);
                        } finally {
                            slots.release();
                        }
                    }));
                }
            }
            List<Episode> out = new ArrayList<>();
            for (Future<Episode> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof ModelUnavailableException m) throw new KaizenException("the policy endpoint failed: " + m.getMessage(), m);
                    if (c instanceof RuntimeException r) throw r;
                    throw new KaizenException("an episode failed: " + c, c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KaizenException("interrupted");
                }
            }
            return out;
        }

        Map<String, Object> status(String status, int step) {
            record.put("status", status);
            record.put("step", step);
            AtomicFile.write(dir.resolve(RECORD), Json.writePretty(record));
            return record;
        }
    }

    /**
     * Reward mean and spread, success rate, progress, response length, the environment's share of
     * episode time, and for error analysis: episodes and success by task kind, episodes by finish status.
     */
    static Map<String, Object> summary(List<Episode> episodes) {
        int n = episodes.size();
        double sum = 0, sq = 0, success = 0, progress = 0, tokens = 0, turns = 0, wall = 0, model = 0;
        for (Episode e : episodes) {
            double r = e.played().reward().reward();
            sum += r;
            sq += r * r;
            success += e.played().reward().success() ? 1 : 0;
            progress += e.played().reward().progress();
            tokens += e.generatedTokens();
            turns += e.turns().size();
            wall += e.wallNanos();
            model += e.modelNanos();
        }
        double mean = n == 0 ? 0 : sum / n;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("episodes", n);
        m.put("reward_mean", mean);
        m.put("reward_std", n == 0 ? 0 : Math.sqrt(Math.max(0, sq / n - mean * mean)));
        m.put("success_rate", n == 0 ? 0 : success / n);
        m.put("progress_mean", n == 0 ? 0 : progress / n);
        m.put("response_tokens", n == 0 ? 0 : tokens / n);
        m.put("turns", n == 0 ? 0 : turns / n);
        m.put("env_share", wall == 0 ? 0 : (wall - model) / wall);
        m.put("by_kind", byKind(episodes));
        m.put("finish", finishCounts(episodes));
        List<String> errors = episodes.stream().map(e -> e.played().error()).filter(s -> !s.isEmpty()).distinct().limit(3).toList();
        if (!errors.isEmpty()) m.put("errors", errors);  // the first few, so an episode that failed on an error is seen
        return m;
    }

    private static Map<String, Object> byKind(List<Episode> episodes) {
        Map<String, List<Episode>> groups = new java.util.TreeMap<>();
        for (Episode e : episodes) groups.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e);
        Map<String, Object> out = new LinkedHashMap<>();
        groups.forEach((kind, list) -> out.put(kind, RunConfig.ordered("episodes", list.size(),
                "success_rate", list.stream().filter(e -> e.played().reward().success()).count() / (double) list.size())));
        return out;
    }

    private static Map<String, Integer> finishCounts(List<Episode> episodes) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (Episode e : episodes) out.merge(e.played().status(), 1, Integer::sum);
        return out;
    }

    private static int[] flags(boolean[] trained) {
        int[] out = new int[trained.length];
        for (int i = 0; i < out.length; i++) out[i] = trained[i] ? 1 : 0;
        return out;
    }

    /** A run folder holding another configuration is refused (the step count may grow). */
    private void checkSameRun(Path dir, String configSha) {
        Path file = dir.resolve(RECORD);
        if (!Files.exists(file)) return;
        try {
            JsonNode old = Json.parse(Files.readString(file));
            if (!old.path("config_sha256").asText().equals(configSha)) {
                throw new KaizenException(dir + " holds a GRPO run with a different configuration; use another 'out' or remove the folder");
            }
        } catch (IOException e) {
            throw new KaizenException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

}
