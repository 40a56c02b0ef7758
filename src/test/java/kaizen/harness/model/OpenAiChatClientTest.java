package kaizen.harness.model;

import static kaizen.testing.FakeOpenAiServer.always;
import static kaizen.testing.FakeOpenAiServer.failFirst;
import static kaizen.testing.FakeOpenAiServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kaizen.core.Message;
import kaizen.testing.FakeOpenAiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OpenAiChatClientTest {
    /** Four attempts, millisecond waits. */
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5), 2.0);

    private static final List<Message> CONVERSATION = List.of(
            Message.system("You are an agent."), Message.user("What is 2+2?"));

    private static OpenAiChatClient client(FakeOpenAiServer server) {
        return client(server.baseUrl());
    }

    private static OpenAiChatClient client(String url) {
        return OpenAiChatClient.builder(url, FakeOpenAiServer.MODEL)
                .retryPolicy(FAST)
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static String text(ModelReply reply) {
        return assertInstanceOf(ModelReply.Text.class, reply).content();
    }

    @Test
    void returnsTheAssistantText() {
        try (var server = FakeOpenAiServer.replying("4"); var client = client(server)) {
            assertEquals("4", text(client.complete(CONVERSATION)));
            assertEquals(1, server.requestCount());
            ModelCallStats stats = client.stats();
            assertEquals(1, stats.calls());
            assertEquals(1, stats.attempts());
            assertEquals(0, stats.retries());
            assertEquals(0, stats.failures());
            assertTrue(stats.totalLatency().isPositive());
        }
    }

    @Test
    void nullContentIsEmptyText() {
        try (var server = FakeOpenAiServer.start(always(FakeOpenAiServer.nullContent())); var client = client(server)) {
            assertEquals("", text(client.complete(CONVERSATION)));
            assertEquals(1, server.requestCount());
        }
    }

    @Test
    void requestBodyIsAgentBenchsVllmConfig() {
        try (var server = FakeOpenAiServer.replying("ok"); var client = client(server)) {
            client.complete(List.of(Message.system("sys"), Message.user("hi"), Message.assistant("hello"), Message.user("again")));
            FakeOpenAiServer.Request r = server.request(0);
            JsonNode json = r.json();
            List<String> fields = new ArrayList<>();
            json.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("model", "messages", "temperature", "max_tokens"), fields);
            assertEquals(FakeOpenAiServer.MODEL, json.get("model").textValue());
            assertTrue(json.get("temperature").isIntegralNumber(), "temperature is sent as 0, not 0.0");
            assertEquals(0, json.get("temperature").intValue());
            assertEquals(512, json.get("max_tokens").intValue());
            JsonNode messages = json.get("messages");
            assertEquals(4, messages.size());
            String[][] expected = {{"system", "sys"}, {"user", "hi"}, {"assistant", "hello"}, {"user", "again"}};
            for (int i = 0; i < expected.length; i++) {
                JsonNode m = messages.get(i);
                List<String> keys = new ArrayList<>();
                m.fieldNames().forEachRemaining(keys::add);
                assertEquals(List.of("role", "content"), keys);
                assertEquals(expected[i][0], m.get("role").textValue());
                assertEquals(expected[i][1], m.get("content").textValue());
            }
            assertTrue(r.header("Content-Type").startsWith("application/json"));
            assertNull(r.header("Authorization"), "no API key, no Authorization header");
        }
    }

    @Test
    void configurableBodyAndApiKey() {
        try (var server = FakeOpenAiServer.replying("ok");
                var client = OpenAiChatClient.builder(server.baseUrl(), "other-model")
                        .apiKey("sk-test")
                        .temperature(0.7)
                        .maxTokens(null)
                        .extraBody(Map.of("top_p", 0.9, "stop", List.of("\n")))
                        .retryPolicy(FAST)
                        .build()) {
            client.complete(CONVERSATION);
            FakeOpenAiServer.Request r = server.request(0);
            JsonNode json = r.json();
            assertEquals("other-model", json.get("model").textValue());
            assertEquals(0.7, json.get("temperature").doubleValue());
            assertFalse(json.has("max_tokens"));
            assertEquals(0.9, json.get("top_p").doubleValue());
            assertEquals("\n", json.get("stop").get(0).textValue());
            assertEquals("Bearer sk-test", r.header("Authorization"));
        }
    }

    @Test
    void extraBodyMayNotReplaceModelOrMessages() {
        var builder = OpenAiChatClient.builder("http://localhost:8000/v1", "m");
        assertThrows(IllegalArgumentException.class, () -> builder.extraBody(Map.of("model", "x")));
        assertThrows(IllegalArgumentException.class, () -> builder.extraBody(Map.of("messages", List.of())));
    }

    @Test
    void rateLimitIsRetriedAfterRetryAfter() {
        // Backoff alone would wait at most 1 ms; the 429 asks for 300 ms.
        RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofSeconds(2), 2.0);
        try (var server = FakeOpenAiServer.start(failFirst(1, FakeOpenAiServer.tooManyRequests("0.3"), reply("ok")));
                var client = OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL).retryPolicy(policy).build()) {
            long start = System.nanoTime();
            assertEquals("ok", text(client.complete(CONVERSATION)));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs >= 290, "waited only " + elapsedMs + " ms");
            assertEquals(2, server.requestCount());
            assertEquals(1, client.stats().retries());
        }
    }

    @Test
    void rateLimitWithoutRetryAfterUsesBackoff() {
        try (var server = FakeOpenAiServer.start(failFirst(2, FakeOpenAiServer.tooManyRequests(null), reply("ok")));
                var client = client(server)) {
            assertEquals("ok", text(client.complete(CONVERSATION)));
            assertEquals(3, server.requestCount());
        }
    }

    @Test
    void rateLimitWordedLikeOpenAiIsNotAContextLimit() {
        String body = FakeOpenAiServer.errorJson("Rate limit reached for gpt-4 on tokens per min (TPM): Limit 10000",
                "requests", 429);
        var rateLimit = new FakeOpenAiServer.Behavior.Raw(429, Map.of("Retry-After", "0"), body, Duration.ZERO);
        try (var server = FakeOpenAiServer.start(failFirst(1, rateLimit, reply("ok"))); var client = client(server)) {
            assertEquals("ok", text(client.complete(CONVERSATION)));
            assertEquals(2, server.requestCount());
        }
    }

    @Test
    void serverErrorsAreRetried() {
        try (var server = FakeOpenAiServer.start(failFirst(3, FakeOpenAiServer.serverError(), reply("ok")));
                var client = client(server)) {
            assertEquals("ok", text(client.complete(CONVERSATION)));
            assertEquals(4, server.requestCount());
            ModelCallStats stats = client.stats();
            assertEquals(4, stats.attempts());
            assertEquals(3, stats.retries());
            assertEquals(0, stats.failures());
        }
    }

    @Test
    void garbageAndMissingChoicesAreRetried() {
        try (var server = FakeOpenAiServer.start(FakeOpenAiServer.sequence(
                        FakeOpenAiServer.garbage(), FakeOpenAiServer.missingChoices(), reply("ok")));
                var client = client(server)) {
            assertEquals("ok", text(client.complete(CONVERSATION)));
            assertEquals(3, server.requestCount());
        }
    }

    @Test
    void givesUpAfterMaxAttemptsWithAClearMessage() {
        try (var server = FakeOpenAiServer.start(always(FakeOpenAiServer.serverError())); var client = client(server)) {
            var e = assertThrows(ModelUnavailableException.class, () -> client.complete(CONVERSATION));
            assertEquals(4, server.requestCount());
            String m = e.getMessage();
            assertTrue(m.startsWith("model endpoint " + server.chatCompletionsUrl() + ": HTTP 500: "), m);
            assertTrue(m.contains("Internal Server Error"), m);
            assertTrue(m.contains("after 4 attempts (check the server's log)"), m);
            ModelCallStats stats = client.stats();
            assertEquals(1, stats.calls());
            assertEquals(4, stats.attempts());
            assertEquals(3, stats.retries());
            assertEquals(1, stats.failures());
        }
    }

    @Test
    void garbageEveryTimeSaysTheResponseIsMalformed() {
        try (var server = FakeOpenAiServer.start(always(FakeOpenAiServer.garbage())); var client = client(server)) {
            var e = assertThrows(ModelUnavailableException.class, () -> client.complete(CONVERSATION));
            assertEquals(4, server.requestCount());
            assertTrue(e.getMessage().contains("malformed response (not JSON; body: <html>502 Bad Gateway (proxy)</html>) after 4 attempts"
                    + " (is this an OpenAI-compatible chat endpoint?)"), e.getMessage());
        }
    }

    @Test
    void unreachablePortSaysConnectionRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (var client = OpenAiChatClient.builder("http://127.0.0.1:" + port + "/v1", "m")
                .retryPolicy(FAST.withMaxAttempts(2)).build()) {
            var e = assertThrows(ModelUnavailableException.class, () -> client.complete(CONVERSATION));
            assertEquals("model endpoint http://127.0.0.1:" + port + "/v1/chat/completions: connection refused after 2 attempts"
                    + " (is the server running, and is the URL right?)", e.getMessage());
            assertEquals(2, client.stats().attempts());
            assertEquals(1, client.stats().failures());
        }
    }

    @Test
    void hangTimesOutIsRetriedAndFails() {
        try (var server = FakeOpenAiServer.start(always(FakeOpenAiServer.hang()));
                var client = OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL)
                        .retryPolicy(FAST.withMaxAttempts(3))
                        .requestTimeout(Duration.ofMillis(200))
                        .build()) {
            long start = System.nanoTime();
            var e = assertThrows(ModelUnavailableException.class, () -> client.complete(CONVERSATION));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(3, server.requestCount());
            assertTrue(e.getMessage().endsWith(": no response within 200 ms after 3 attempts (the server may be overloaded"
                    + " or stuck; lower the concurrency or raise the request timeout)"), e.getMessage());
            assertTrue(elapsedMs >= 600 && elapsedMs < 5000, "took " + elapsedMs + " ms");
        }
    }

    @Test
    void bodyThatStallsAfterTheHeadersTimesOut() {
        try (var server = FakeOpenAiServer.start(always(FakeOpenAiServer.stallAfterHeaders()));
                var client = OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL)
                        .retryPolicy(FAST.withMaxAttempts(2))
                        .requestTimeout(Duration.ofMillis(200))
                        .build()) {
            var e = assertThrows(ModelUnavailableException.class, () -> client.complete(CONVERSATION));
            assertEquals(2, server.requestCount());
            assertTrue(e.getMessage().contains(": no response within 200 ms after 2 attempts"), e.getMessage());
        }
    }

    @Test
    void hangThenAnswerSucceedsOnRetry() {
        try (var server = FakeOpenAiServer.start(failFirst(1, FakeOpenAiServer.hang(), reply("late")));
                var client = OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL)
                        .retryPolicy(FAST)
                        .requestTimeout(Duration.ofMillis(200))
                        .build()) {
            assertEquals("late", text(client.complete(CONVERSATION)));
            assertEquals(2, server.requestCount());
        }
    }

    @Test
    void contextLengthErrorIsAContextLimitWithoutRetry() {
        try (var server = FakeOpenAiServer.start(always(FakeOpenAiServer.contextLengthError())); var client = client(server)) {
            ModelReply reply = client.complete(CONVERSATION);
            var limit = assertInstanceOf(ModelReply.ContextLimit.class, reply);
            assertTrue(limit.detail().contains(FakeOpenAiServer.CONTEXT_LENGTH_MESSAGE), limit.detail());
            assertEquals(1, server.requestCount());
            assertEquals(1, client.stats().contextLimits());
            assertEquals(0, client.stats().retries());
            assertEquals(0, client.stats().failures());
        }
    }

    @Test
    void serverErrorWordedAsAContextLimitIsOneToo() {
        // AgentBench applies its rule to every non-200 status.
        try (var server = FakeOpenAiServer.start(always(FakeOpenAiServer.status(500, "prompt is too long")));
                var client = client(server)) {
            assertInstanceOf(ModelReply.ContextLimit.class, client.complete(CONVERSATION));
            assertEquals(1, server.requestCount());
        }
    }

    @Test
    void otherBadRequestFailsAtOnce() {
        try (var server = FakeOpenAiServer.start(always(FakeOpenAiServer.badRequest("Invalid role: tool")));
                var client = client(server)) {
            var e = assertThrows(ModelUnavailableException.class, () -> client.complete(CONVERSATION));
            assertEquals(1, server.requestCount());
            String m = e.getMessage();
            assertTrue(m.startsWith("model endpoint " + server.chatCompletionsUrl() + ": HTTP 400: "), m);
            assertTrue(m.contains("Invalid role: tool"), m);
            assertTrue(m.endsWith("(not retried; the endpoint rejected the request, so retrying cannot help)"), m);
            assertEquals(1, client.stats().failures());
            assertEquals(0, client.stats().retries());
        }
    }

    @Test
    void unknownModelFailsAtOnceNamingTheModel() {
        String body = FakeOpenAiServer.errorJson("The model `nope` does not exist.", "NotFoundError", 404);
        try (var server = FakeOpenAiServer.start(always(FakeOpenAiServer.status(404, body)));
                var client = OpenAiChatClient.builder(server.baseUrl(), "nope").retryPolicy(FAST).build()) {
            var e = assertThrows(ModelUnavailableException.class, () -> client.complete(CONVERSATION));
            assertEquals(1, server.requestCount());
            assertTrue(e.getMessage().endsWith("(not retried; check the URL and the model name 'nope')"), e.getMessage());
        }
    }

    @Test
    void unauthorisedFailsAtOnceNamingTheKey() {
        try (var server = FakeOpenAiServer.start(always(FakeOpenAiServer.status(401, "{\"error\":\"bad key\"}")));
                var client = client(server)) {
            var e = assertThrows(ModelUnavailableException.class, () -> client.complete(CONVERSATION));
            assertEquals(1, server.requestCount());
            assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("check the API key"), e.getMessage());
        }
    }

    @Test
    void wrongPathIsA404NotRetried() {
        try (var server = FakeOpenAiServer.replying("ok");
                var client = client("http://127.0.0.1:" + server.port() + "/v2")) {
            var e = assertThrows(ModelUnavailableException.class, () -> client.complete(CONVERSATION));
            assertEquals(0, server.requestCount());
            assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        }
    }

    @Test
    void acceptsFullEndpointAndBareHostUrls() {
        try (var server = FakeOpenAiServer.replying("ok");
                var full = client(server.chatCompletionsUrl());
                var bare = client("127.0.0.1:" + server.port() + "/")) {
            assertEquals("ok", text(full.complete(CONVERSATION)));
            assertEquals("ok", text(bare.complete(CONVERSATION)));
            assertEquals(2, server.requestCount());
        }
    }

    @Test
    void retryListenerHearsEachRetry() {
        List<OpenAiChatClient.RetryEvent> events = new CopyOnWriteArrayList<>();
        try (var server = FakeOpenAiServer.start(failFirst(2, FakeOpenAiServer.serverError(), reply("ok")));
                var client = OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL)
                        .retryPolicy(FAST).retryListener(events::add).build()) {
            client.complete(CONVERSATION);
            assertEquals(2, events.size());
            assertEquals(1, events.get(0).failedAttempt());
            assertEquals(2, events.get(1).failedAttempt());
            assertEquals(4, events.get(0).maxAttempts());
            assertTrue(events.get(0).problem().startsWith("HTTP 500"), events.get(0).problem());
            assertTrue(events.get(1).delay().compareTo(Duration.ofMillis(5)) <= 0);
        }
    }

    @Test
    void listsModels() {
        try (var server = FakeOpenAiServer.start(always(reply("x")), "Qwen/Qwen2.5-7B-Instruct"); var client = client(server)) {
            assertEquals(List.of("Qwen/Qwen2.5-7B-Instruct"), client.listModels());
            assertEquals(1, server.modelsRequestCount());
            assertEquals(0, server.requestCount());
            assertEquals(0, client.stats().attempts(), "listModels is not a model call");
        }
    }

    @Test
    void closedClientRefusesCalls() {
        try (var server = FakeOpenAiServer.replying("ok")) {
            var client = client(server);
            client.close();
            var e = assertThrows(ModelUnavailableException.class, () -> client.complete(CONVERSATION));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertEquals(0, server.requestCount());
        }
    }

    @Test
    void twoHundredConcurrentCallsFromVirtualThreads() throws Exception {
        int n = 200;
        try (var server = FakeOpenAiServer.start(r -> reply("echo:" + r.lastContent(), Duration.ofMillis(20)));
                var client = client(server);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ModelReply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<Message> conversation = List.of(Message.user("q" + i));
                futures.add(pool.submit(() -> client.complete(conversation)));
            }
            Iterator<Future<ModelReply>> it = futures.iterator();
            for (int i = 0; i < n; i++) {
                assertEquals("echo:q" + i, text(it.next().get()));
            }
            assertEquals(n, server.requestCount());
            ModelCallStats stats = client.stats();
            assertEquals(n, stats.calls());
            assertEquals(n, stats.attempts());
            assertEquals(0, stats.retries());
            assertTrue(server.peakConcurrency() > 1, "peak " + server.peakConcurrency());
        }
    }
}
