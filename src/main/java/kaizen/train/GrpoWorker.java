package kaizen.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kaizen.core.Json;
import kaizen.core.KaizenException;

/**
 * The GRPO worker process: started with DIR/worker.json, it loads the model and announces its
 * generation server's port with a {@code serving} event; Java then talks to it over HTTP and ends
 * it with /kaizen/shutdown. Its other output and stderr go to DIR/worker.log.
 */
final class GrpoWorker implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofMinutes(15);

    private final Process process;
    private final Path log;
    private final PolicyServer server;
    private final JsonNode serving;
    private final Thread stopper;

    private GrpoWorker(Process process, Path log, PolicyServer server, JsonNode serving, Thread stopper) {
        this.process = process;
        this.log = log;
        this.server = server;
        this.serving = serving;
        this.stopper = stopper;
    }

    /** What worker.json holds for GRPO (the worker's GrpoSettings, field for field). */
    static Map<String, Object> settings(GrpoConfig c, List<Integer> endIds, int padId, int vocabSize) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "grpo");
        m.put("model", c.model().toAbsolutePath().toString());
        m.put("name", c.name());
        m.put("out", c.out().toAbsolutePath().toString());
        m.put("lora", Map.of("r", c.lora().r(), "alpha", c.lora().alpha(), "dropout", c.lora().dropout(), "targets", c.lora().targets()));
        m.put("dtype", c.dtype());
        m.put("learning_rate", c.grpo().learningRate());
        m.put("weight_decay", c.grpo().weightDecay());
        m.put("max_grad_norm", c.grpo().maxGradNorm());
        m.put("clip", c.grpo().clip());
        m.put("kl", c.grpo().kl());
        m.put("seed", c.grpo().seed());
        m.put("gradient_checkpointing", c.gradientCheckpointing());
        m.put("micro_batch_tokens", c.grpo().microBatchTokens());
        m.put("max_batch", c.grpo().concurrency());
        m.put("end_ids", endIds);
        m.put("pad_id", padId);
        m.put("vocab_size", vocabSize);
        m.put("prefix_cache", c.grpo().prefixCache());
        m.put("port", 0);
        m.put("keep_checkpoints", c.grpo().keepCheckpoints());
        m.put("temperature", c.grpo().temperature());
        return m;
    }

    static GrpoWorker start(WorkerCommand command, Path dir, PrintStream err) {
        Path log = dir.resolve("worker.log");
        Process process = command.start(log);
        Thread stopper = new Thread(process::destroy); // Ctrl-C: stop the worker too; checkpoints stay
        Runtime.getRuntime().addShutdownHook(stopper);
        CompletableFuture<JsonNode> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("worker-stdout").start(() -> follow(process, log, ready, err));
        try {
            JsonNode serving = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            PolicyServer server = PolicyServer.at("http://127.0.0.1:" + serving.path("port").asInt());
            return new GrpoWorker(process, log, server, serving, stopper);
        } catch (ExecutionException | TimeoutException e) {
            process.destroy();
            throw new KaizenException("the worker did not start serving (" + e.getMessage() + "); the end of " + log + ":\n"
                    + TrainRun.lastLines(log, 15));
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new KaizenException("interrupted; the worker was stopped");
        }
    }

    private static void follow(Process process, Path log, CompletableFuture<JsonNode> ready, PrintStream err) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter out = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode event = line.startsWith("{") ? parse(line) : null;
                String kind = event == null ? "" : event.path("event").asText();
                if (kind.equals("serving")) ready.complete(event);
                else if (kind.equals("resumed")) err.println("resuming from " + event.path("checkpoint").asText());
                out.write(line);
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            ready.completeExceptionally(new UncheckedIOException(e));
        }
        ready.completeExceptionally(new IllegalStateException("the worker exited"));
    }

    private static JsonNode parse(String line) {
        try {
            return Json.parse(line);
        } catch (IOException e) {
            return null;
        }
    }

    PolicyServer server() {
        return server;
    }

    /** The serving event: port, step the worker resumed at, device. */
    JsonNode serving() {
        return serving;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                try {
                    server.post("/kaizen/shutdown", Map.of());
                } catch (KaizenException e) {
                    // already going: destroy below
                }
                if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroy();
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
    }
}
