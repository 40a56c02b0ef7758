package kaizen.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import kaizen.core.Json;
import kaizen.core.KaizenException;
import kaizen.harness.model.ModelUnavailableException;

/**
 * JSON over HTTP to the policy's serving endpoint: vLLM's OpenAI-compatible API (completions on
 * token ids with log-probs, LoRA hot-loading) and, for the worker's own server, its training
 * routes under /kaizen/. Thread-safe; one instance serves every episode of a run.
 *
 * @param base the server root, e.g. http://127.0.0.1:8000 (the API lives under /v1)
 */
record PolicyServer(URI base, HttpClient http, Duration timeout) {
    static PolicyServer at(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (u.endsWith("/v1")) u = u.substring(0, u.length() - 3);
        return new PolicyServer(URI.create(u), HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build(), Duration.ofMinutes(30));
    }

    /** POSTs {@code body} to {@code path}; a failure to reach the server or a non-200 is a ModelUnavailableException. */
    JsonNode post(String path, Object body) throws ModelUnavailableException {
        return post(path, body, 1);
    }

    /**
     * {@link #post}, trying a connection failure up to {@code attempts} times (for requests that may
     * be repeated, like a completion: a lost one is sampled again).
     */
    JsonNode post(String path, Object body, int attempts) throws ModelUnavailableException {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(path, body);
            } catch (ModelUnavailableException e) {
                if (attempt >= attempts || !(e.getCause() instanceof IOException)) throw e;
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** GETs {@code path} (e.g. /v1/models); a failure ends the run. */
    JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build();
        return fatal(() -> parsed(request, send(request)));
    }

    /**
     * POSTs a command whose answer is not JSON (vLLM answers /v1/load_lora_adapter and
     * /v1/unload_lora_adapter with a line of plain text) and returns that text; anything but a 200
     * ends the run.
     */
    String command(String path, Object body) {
        return fatal(() -> send(postRequest(path, body)));
    }

    private JsonNode once(String path, Object body) throws ModelUnavailableException {
        HttpRequest request = postRequest(path, body);
        return parsed(request, send(request));
    }

    private static JsonNode parsed(HttpRequest request, String text) throws ModelUnavailableException {
        try {
            return Json.parse(text);
        } catch (IOException e) {
            // no cause: an answer that is not JSON is not a lost connection, and is not tried again
            throw new ModelUnavailableException(request.uri() + " answered with something other than JSON: " + abbreviate(text));
        }
    }

    private HttpRequest postRequest(String path, Object body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
    }

    private String send(HttpRequest request) throws ModelUnavailableException {
        URI uri = request.uri();
        try {
            HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                throw new ModelUnavailableException(uri + " answered " + reply.statusCode() + ": " + abbreviate(reply.body()));
            }
            return reply.body();
        } catch (IOException e) {
            throw new ModelUnavailableException(uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException(uri + ": interrupted", e);
        }
    }

    /** {@link #post} for the run's own calls, where an unreachable server ends the run. */
    JsonNode call(String path, Object body) {
        return fatal(() -> post(path, body));
    }

    private interface Exchange<T> {
        T run() throws ModelUnavailableException;
    }

    /** The run's own calls: there an unreachable server is not retried by the caller, it ends the run. */
    private static <T> T fatal(Exchange<T> exchange) {
        try {
            return exchange.run();
        } catch (ModelUnavailableException e) {
            throw new KaizenException("the policy server failed: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
