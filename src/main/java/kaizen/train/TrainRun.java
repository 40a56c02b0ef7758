package kaizen.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kaizen.core.Json;
import kaizen.core.KaizenException;
import kaizen.train.RunConfig.DataFormat;
import kaizen.train.RunRecord.Status;

/**
 * {@code kaizen train sft|dpo}: validates the run, writes shards, starts the worker, follows it and
 * keeps DIR/run.json current. Running the same RUN.yaml again resumes from the last complete
 * checkpoint; a finished run is left alone; a changed configuration or data file in an existing
 * run folder is refused.
 */
public final class TrainRun {
    /**
     * @param dryRun validate and write shards and worker.json, start nothing
     * @param stopAfterSteps stop the worker after this step's checkpoint (0 = never), for resume tests
     */
    public record Options(boolean dryRun, int stopAfterSteps, boolean progress, PrintStream err) {}

    private final RunConfig config;
    private final Options options;
    private final Function<ModelFolder, ExampleRenderer> renderers;

    /** {@code renderers} makes the renderer for data.format messages from the model folder. */
    public TrainRun(RunConfig config, Options options, Function<ModelFolder, ExampleRenderer> renderers) {
        this.config = config;
        this.options = options;
        this.renderers = renderers;
    }

    /** The run's record at the end, or empty when the run folder holds a finished run already. */
    public java.util.Optional<RunRecord> run() {
        ModelFolder model = ModelFolder.check(config.model(), config.data().format() == DataFormat.MESSAGES);
        Path dir = config.out();
        String configSha = sha256(Json.write(config.toJson()).getBytes(StandardCharsets.UTF_8));
        String dataSha = sha256(config.data().train());
        JsonNode prior = RunRecord.readRaw(dir).orElse(null);
        if (prior != null) {
            refuseIfChanged(dir, prior, configSha, dataSha);
            if ("done".equals(prior.path("status").asText())) {
                options.err().println(dir + ": already finished; adapter at " + prior.path("adapter").asText());
                return java.util.Optional.empty();
            }
        }
        Path shardDir = dir.resolve("shards");
        ShardIndex shards = reusableShards(prior, shardDir) ? ShardIndex.read(shardDir)
                : new ShardBuilder(config, model.vocabSize(),
                        config.data().format() == DataFormat.MESSAGES ? renderers.apply(model) : null).build(shardDir);
        options.err().printf("shards: %d examples (%d longer than %d left out) in %d rows, %d tokens, %d trained%n",
                shards.examples(), shards.droppedOverlong(), shards.maxLength(), shards.rows(), shards.tokens(),
                shards.trainedTokens());
        var latest = Checkpoints.latest(dir);
        Path workerJson = dir.resolve("worker.json");
        writeWorkerJson(workerJson, shardDir);
        WorkerCommand command = WorkerCommand.of(config, workerJson, latest.isPresent(),
                System.getenv().getOrDefault("PYTHONPATH", ""));
        RunRecord record = new RunRecord(config.name(), config.kind().id(), Status.PREPARED, configSha, config.toJson(),
                dataSha, shards, sha256(shardDir.resolve(ShardIndex.FILE)), command.argv(),
                latest.map(Checkpoints.Found::step).orElse(0L), latest.map(f -> f.path().toString()).orElse(""), "", "", "", "");
        record.write(dir);
        if (options.dryRun()) {
            options.err().println("dry run: shards and " + workerJson + " written; worker command: " + String.join(" ", command.argv()));
            return java.util.Optional.of(record);
        }
        MetricsLog.keepUpTo(dir, record.checkpointStep());
        return java.util.Optional.of(launch(dir, command, record.with(Status.RUNNING, "")));
    }

    private void refuseIfChanged(Path dir, JsonNode prior, String configSha, String dataSha) {
        if (!configSha.equals(prior.path("config_sha256").asText())) {
            throw new KaizenException(dir + " holds a run with a different configuration (" + changedFields(prior.path("config"))
                    + "); use another 'out' folder, or delete " + dir + " to start over");
        }
        if (!dataSha.equals(prior.path("data_sha256").asText())) {
            throw new KaizenException(config.data().train() + " changed since " + dir + " was prepared; use another 'out' folder, or delete "
                    + dir + " to start over");
        }
    }

    private String changedFields(JsonNode old) {
        JsonNode now;
        try {
            now = Json.parse(Json.write(config.toJson())); // parsed the way run.json was, so numbers compare alike
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> changed = new java.util.ArrayList<>();
        now.properties().forEach(e -> {
            if (!e.getValue().equals(old.path(e.getKey()))) changed.add(e.getKey());
        });
        return changed.isEmpty() ? "configuration hash differs" : "changed: " + String.join(", ", changed);
    }

    private static boolean reusableShards(JsonNode prior, Path shardDir) {
        Path index = shardDir.resolve(ShardIndex.FILE);
        return prior != null && Files.isRegularFile(index) && sha256(index).equals(prior.path("shard_index_sha256").asText());
    }

    private void writeWorkerJson(Path file, Path shardDir) {
        RunConfig c = config;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", c.kind().id());
        m.put("model", c.model().toAbsolutePath().toString());
        m.put("shards", shardDir.toAbsolutePath().toString());
        m.put("out", c.out().toAbsolutePath().toString());
        m.put("lora", Map.of("r", c.lora().r(), "alpha", c.lora().alpha(), "dropout", c.lora().dropout(), "targets", c.lora().targets(),
                "modules_to_save", c.lora().modulesToSave()));
        m.put("quantization", c.lora().quantization().id());
        m.put("dtype", c.optim().dtype());
        m.put("epochs", c.optim().epochs());
        m.put("learning_rate", c.optim().learningRate());
        m.put("warmup_ratio", c.optim().warmupRatio());
        m.put("effective_batch", c.optim().effectiveBatch());
        m.put("micro_batch", c.optim().microBatch());
        m.put("weight_decay", c.optim().weightDecay());
        m.put("max_grad_norm", c.optim().maxGradNorm());
        m.put("seed", c.optim().seed());
        m.put("gradient_checkpointing", c.optim().gradientCheckpointing());
        m.put("reason_weight", c.loss().reasonWeight());
        m.put("action_weight", c.loss().actionWeight());
        m.put("beta", c.loss().beta());
        m.put("save_every_steps", c.optim().saveEverySteps());
        m.put("keep_checkpoints", c.optim().keepCheckpoints());
        m.put("merge", c.merge());
        m.put("max_steps", c.optim().maxSteps());
        m.put("stop_after_steps", options.stopAfterSteps());
        try {
            Files.writeString(file, Json.writePretty(m) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Runs the worker to its end; stderr and non-event stdout go to DIR/worker.log. */
    private RunRecord launch(Path dir, WorkerCommand command, RunRecord record) {
        record.write(dir);
        Path log = dir.resolve("worker.log");
        Process process = command.start(log);
        Thread stopper = new Thread(process::destroy); // Ctrl-C: stop the worker too; checkpoints stay
        Runtime.getRuntime().addShutdownHook(stopper);
        WorkerMonitor monitor = new WorkerMonitor(dir, record, options.err(), options.progress());
        try (monitor; BufferedWriter logOut = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            follow(process.getInputStream(), monitor, logOut);
            int code = process.waitFor();
            Runtime.getRuntime().removeShutdownHook(stopper);
            RunRecord end = monitor.record();
            if (code == 0 && monitor.done()) {
                end = end.with(Status.DONE, "");
            } else if (code == 0 && options.stopAfterSteps() > 0) {
                end = end.with(Status.STOPPED, "stopped after step " + monitor.lastStep() + " as asked");
            } else {
                end = end.with(Status.FAILED, "worker exited with status " + code);
                end.write(dir);
                throw new KaizenException("the worker failed (exit status " + code + "); the end of " + log + ":\n" + lastLines(log, 15)
                        + (end.checkpointStep() > 0 ? "\nrerun the same command to resume from step " + end.checkpointStep() : ""));
            }
            end.write(dir);
            return end;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new KaizenException("interrupted; the worker was stopped");
        }
    }

    static void follow(InputStream stdout, WorkerMonitor monitor, BufferedWriter log) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            var event = WorkerEvent.parse(line);
            if (event.isPresent()) monitor.accept(event.get());
            else {
                log.write(line);
                log.newLine();
                log.flush();
            }
        }
    }

    static String lastLines(Path file, int n) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) sha.update(buf, 0, n);
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        return ShardReader.sha256(bytes);
    }
}
