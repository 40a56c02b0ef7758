package kaizen.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import kaizen.core.Json;

/**
 * A loopback stand-in for the vLLM server GRPO's {@code serving.url} points at, answering as vLLM
 * does where Kaizen depends on it: {@code GET /v1/models} lists the base (no parent) and each
 * loaded adapter (parent = the base); {@code POST /v1/load_lora_adapter} and
 * {@code /v1/unload_lora_adapter} answer 200 with a line of plain text, 400 for a name already
 * loaded or a folder without adapter_config.json, 404 for unloading a name not loaded;
 * {@code POST /v1/completions} on token ids answers with {@code "token_id:N"} tokens and their
 * log-probs, and 404 for a model that is not loaded. Completions draw one of the given replies at
 * random (seeded), or the first at temperature 0. (kaizen.testing.FakeOpenAiServer scripts chat
 * completions; this one serves token-id completions and the LoRA routes.)
 */
final class FakeVllmLoraServer implements AutoCloseable {
    private final HttpServer server;
    private final String base;
    private final List<int[]> replies;
    private final int endId;
    private final Random random = new Random(11);
    private final Map<String, Integer> loaded = new LinkedHashMap<>();  // adapter name -> step in its adapter_config.json
    final List<String> loads = new ArrayList<>();
    final List<Integer> loadedSteps = new ArrayList<>();
    final List<String> unloads = new ArrayList<>();
    final List<String> completionModels = new ArrayList<>();

    FakeVllmLoraServer(String base, List<int[]> replies, int endId) throws IOException {
        this.base = base;
        this.replies = replies;
        this.endId = endId;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    synchronized List<String> loadedNow() {
        return List.copyOf(loaded.keySet());
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        try (ex) {
            if (ex.getRequestMethod().equals("GET") && path.equals("/v1/models")) {
                send(ex, 200, Json.write(Map.of("object", "list", "data", models())), "application/json");
                return;
            }
            JsonNode body = Json.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            switch (path) {
                case "/v1/load_lora_adapter" -> load(ex, body.path("lora_name").asText(), Path.of(body.path("lora_path").asText()));
                case "/v1/unload_lora_adapter" -> unload(ex, body.path("lora_name").asText());
                case "/v1/completions" -> complete(ex, body);
                default -> error(ex, 404, "no route " + path);
            }
        }
    }

    private synchronized List<Map<String, Object>> models() {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", base);
        b.put("object", "model");
        b.put("parent", null);
        out.add(b);
        for (String name : loaded.keySet()) out.add(Map.of("id", name, "object", "model", "root", "/adapters/" + name, "parent", base));
        return out;
    }

    private synchronized void load(HttpExchange ex, String name, Path folder) throws IOException {
        if (loaded.containsKey(name)) {
            error(ex, 400, "The lora adapter '" + name + "' has already been loaded.");
            return;
        }
        Path config = folder.resolve("adapter_config.json");
        if (!Files.isRegularFile(config)) {
            error(ex, 400, "No adapter found for " + folder);
            return;
        }
        int step = Json.parse(Files.readString(config)).path("step").asInt(-1);
        loaded.put(name, step);
        loads.add(name);
        loadedSteps.add(step);
        send(ex, 200, "Success: LoRA adapter '" + name + "' added successfully.", "text/plain");
    }

    private synchronized void unload(HttpExchange ex, String name) throws IOException {
        if (loaded.remove(name) == null) {
            error(ex, 404, "The lora adapter '" + name + "' cannot be found.");
            return;
        }
        unloads.add(name);
        send(ex, 200, "Success: LoRA adapter '" + name + "' removed successfully.", "text/plain");
    }

    private void complete(HttpExchange ex, JsonNode body) throws IOException {
        String model = body.path("model").asText();
        int[] reply;
        synchronized (this) {
            if (!model.equals(base) && !loaded.containsKey(model)) {
                error(ex, 404, "The model `" + model + "` does not exist.");
                return;
            }
            completionModels.add(model);
            reply = body.path("temperature").asDouble() == 0 ? replies.getFirst() : replies.get(random.nextInt(replies.size()));
        }
        send(ex, 200, completion(reply, endId, -0.25), "application/json");
    }

    /** vLLM's answer to a token-id completion that wrote {@code reply} and then {@code endId}, each token at {@code logprob}. */
    static String completion(int[] reply, int endId, double logprob) {
        List<String> tokens = new ArrayList<>();
        List<Double> logprobs = new ArrayList<>();
        for (int t : reply) {
            tokens.add("token_id:" + t);
            logprobs.add(logprob);
        }
        tokens.add("token_id:" + endId);
        logprobs.add(logprob);
        return Json.write(Map.of("choices", List.of(Map.of("index", 0, "text", "", "finish_reason", "stop",
                "logprobs", Map.of("tokens", tokens, "token_logprobs", logprobs)))));
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        send(ex, status, Json.write(Map.of("object", "error", "message", message, "type", "BadRequestError", "code", status)),
                "application/json");
    }

    private static void send(HttpExchange ex, int status, String text, String type) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
