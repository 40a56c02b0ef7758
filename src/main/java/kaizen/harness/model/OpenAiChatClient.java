package kaizen.harness.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import kaizen.core.Json;
import kaizen.core.Message;

/**
 * A {@link ChatModel} that talks to an OpenAI-compatible chat-completions endpoint (vLLM, SGLang,
 * llama.cpp, Ollama, OpenAI), the way AgentBench's HTTP agent does.
 *
 * <p>Each call POSTs {@code {"model", "messages", "temperature": 0, "max_tokens": 512, ...extra}}
 * (AgentBench's vLLM agent settings by default) and answers {@code choices[0].message.content}.
 * See {@link ModelEndpoint#parse} for the URLs it accepts.
 *
 * <p>What it does with a failed request:
 * <ul>
 *   <li>A non-200 answer whose body AgentBench's {@link ContextLimitRule} calls a context-limit
 *       error becomes {@link ModelReply.ContextLimit}, not retried. One deliberate difference:
 *       AgentBench applies the rule to every non-200 status, 429 included, which turns a rate
 *       limit worded like OpenAI's ("Rate limit reached ... tokens per min") into a context-limit
 *       finish; here 429 is always a rate limit and is retried.
 *   <li>Retried with backoff ({@link RetryPolicy}): connection failures, timeouts, 408, 429
 *       (waiting at least its {@code Retry-After}, in seconds, fractional seconds or an HTTP
 *       date), 5xx, and a 200 whose body is not JSON or has no {@code choices[0].message}.
 *   <li>Any other status (401, 404, other 400s, redirects) fails at once: retrying cannot help.
 * </ul>
 * When the retries run out, or at once for the last group, {@link ModelUnavailableException}
 * says which URL failed, how, and what to check.
 *
 * <p>One instance is meant to be shared by every episode of a run: it is thread-safe, uses one
 * HTTP/1.1 connection pool, and blocking in {@link #complete} is
 * cheap on virtual threads. {@link #stats()} reads its counters without locking.
 *
 * <p>Plain-HTTP endpoints (a local vLLM) are reached over Kaizen's keep-alive socket pool,
 * HTTPS ones over the JDK client; see {@link HttpTransport#forUri}.
 */
public final class OpenAiChatClient implements ChatModel, AutoCloseable {
    /** AgentBench's client gives each request 120 s. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);
    /** AgentBench's vLLM agent config: greedy decoding. */
    public static final double DEFAULT_TEMPERATURE = 0;
    /** AgentBench's vLLM agent config. */
    public static final int DEFAULT_MAX_TOKENS = 512;
    /** Connecting never waits longer than this (or the request timeout, if shorter). */
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final int EXCERPT_CHARS = 300;

    /** Told about each retry before its wait, e.g. to print a warning. */
    @FunctionalInterface
    public interface RetryListener {
        void beforeRetry(RetryEvent event);
    }

    /**
     * @param url the endpoint that failed
     * @param failedAttempt the attempt that just failed (1-based)
     * @param maxAttempts attempts allowed in all
     * @param problem what went wrong, e.g. "HTTP 503: ..." or "connection refused"
     * @param delay the wait before the next attempt
     */
    public record RetryEvent(URI url, int failedAttempt, int maxAttempts, String problem, Duration delay) {}

    private final ModelEndpoint endpoint;
    private final String modelName;
    private final String authorization;
    private final Double temperature;
    private final Integer maxTokens;
    private final ObjectNode extraBody;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final HttpTransport http;
    private final RetryListener retryListener;
    private volatile boolean closed;

    private final LongAdder calls = new LongAdder();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder contextLimits = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();

    private OpenAiChatClient(Builder b) {
        this.endpoint = b.endpoint;
        this.modelName = b.modelName;
        this.authorization = b.apiKey == null || b.apiKey.isBlank() ? null : "Bearer " + b.apiKey.strip();
        this.temperature = b.temperature;
        this.maxTokens = b.maxTokens;
        this.extraBody = b.extraBody;
        this.requestTimeout = b.requestTimeout;
        this.retryPolicy = b.retryPolicy;
        this.retryListener = b.retryListener;
        Duration connect = requestTimeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? requestTimeout : MAX_CONNECT_TIMEOUT;
        this.http = HttpTransport.forUri(endpoint.base(), connect);
    }

    /**
     * Starts configuring a client.
     *
     * @param url the server, as {@link ModelEndpoint#parse} reads it, e.g. {@code http://localhost:8000/v1}
     * @param modelName the {@code model} field, e.g. the name vLLM serves
     * @throws kaizen.core.KaizenException when the URL cannot be used
     */
    public static Builder builder(String url, String modelName) {
        return new Builder(ModelEndpoint.parse(url), modelName);
    }

    public static Builder builder(ModelEndpoint endpoint, String modelName) {
        return new Builder(endpoint, modelName);
    }

    public ModelEndpoint endpoint() {
        return endpoint;
    }

    public String modelName() {
        return modelName;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The counters as they are now. */
    public ModelCallStats stats() {
        return new ModelCallStats(calls.sum(), attempts.sum(), retries.sum(), failures.sum(),
                contextLimits.sum(), Duration.ofNanos(latencyNanos.sum()));
    }

    @Override
    public ModelReply complete(List<Message> messages) throws ModelUnavailableException {
        Objects.requireNonNull(messages, "messages");
        calls.increment();
        Request request = new Request("POST", endpoint.chatCompletions(), requestBody(messages));
        ModelReply reply = execute(request, this::interpretChat, true);
        if (reply instanceof ModelReply.ContextLimit) contextLimits.increment();
        return reply;
    }

    /**
     * The model ids the server offers ({@code GET base/models}, the {@code data[].id} fields),
     * retried like {@link #complete}. Not counted in {@link #stats()}.
     */
    public List<String> listModels() throws ModelUnavailableException {
        return execute(new Request("GET", endpoint.models(), null), this::interpretModels, false);
    }

    /**
     * The JSON body {@link #complete} sends for these messages: model, messages, temperature,
     * max_tokens, then the extra fields (which may override temperature and max_tokens).
     */
    public byte[] requestBody(List<Message> messages) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("model", modelName);
        ArrayNode array = root.putArray("messages");
        for (Message m : messages) {
            ObjectNode o = array.addObject();
            o.put("role", m.role().wireName());
            o.put("content", m.content());
        }
        if (temperature != null) {
            double t = temperature;
            // 0 rather than 0.0, as AgentBench's YAML config sends it.
            if (t == Math.rint(t) && Math.abs(t) < 1e15) root.put("temperature", (long) t);
            else root.put("temperature", t);
        }
        if (maxTokens != null) root.put("max_tokens", maxTokens.intValue());
        for (Map.Entry<String, JsonNode> e : extraBody.properties()) root.set(e.getKey(), e.getValue());
        try {
            return Json.mapper().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a chat request", e);
        }
    }

    /** Aborts requests in flight and refuses new calls. */
    @Override
    public void close() {
        closed = true;
        http.close();
    }

    // ---------------------------------------------------------------------------------------------

    private record Request(String method, URI uri, byte[] body) {}

    private List<HttpTransport.Header> headers(boolean hasBody) {
        List<HttpTransport.Header> h = new ArrayList<>(3);
        h.add(new HttpTransport.Header("Accept", "application/json"));
        if (hasBody) h.add(new HttpTransport.Header("Content-Type", "application/json"));
        if (authorization != null) h.add(new HttpTransport.Header("Authorization", authorization));
        return h;
    }

    /** What went wrong with one attempt, for the retry loop. */
    private enum Kind {
        REFUSED("is the server running, and is the URL right?"),
        UNRESOLVED("check the host name in the URL"),
        CONNECT_TIMEOUT("is the host reachable?"),
        TIMEOUT("the server may be overloaded or stuck; lower the concurrency or raise the request timeout"),
        CONNECTION("the server may have crashed or restarted; check its log"),
        RATE_LIMITED("the server is rate-limiting; lower the concurrency"),
        SERVER_ERROR("check the server's log"),
        MALFORMED("is this an OpenAI-compatible chat endpoint?");

        final String hint;

        Kind(String hint) {
            this.hint = hint;
        }
    }

    private record Failure(Kind kind, String detail, Duration retryAfter, Throwable cause) {
        Failure(Kind kind, String detail) {
            this(kind, detail, null, null);
        }
    }

    private sealed interface Outcome<T> {}

    private record Done<T>(T value) implements Outcome<T> {}

    private record Retry<T>(Failure failure) implements Outcome<T> {}

    /** Not worth retrying; {@code message} is complete. */
    private record Fail<T>(String message, Throwable cause) implements Outcome<T> {}

    @FunctionalInterface
    private interface Interpreter<T> {
        Outcome<T> interpret(HttpReply response);
    }

    private <T> T execute(Request request, Interpreter<T> interpreter, boolean counted) {
        URI url = request.uri();
        int maxAttempts = retryPolicy.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            if (closed) {
                if (counted) failures.increment();
                throw new ModelUnavailableException("model endpoint " + url + ": the model client is closed");
            }
            if (counted) attempts.increment();
            Outcome<T> outcome;
            long start = System.nanoTime();
            try {
                outcome = interpreter.interpret(send(request));
            } catch (AttemptFailed e) {
                outcome = e.outcome();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (counted) failures.increment();
                throw new ModelUnavailableException("model endpoint " + url + ": interrupted while waiting for the model", e);
            } finally {
                if (counted) latencyNanos.add(System.nanoTime() - start);
            }

            switch (outcome) {
                case Done<T> done -> {
                    return done.value();
                }
                case Fail<T> fail -> {
                    if (counted) failures.increment();
                    throw new ModelUnavailableException("model endpoint " + url + ": " + fail.message(), fail.cause());
                }
                case Retry<T> retry -> {
                    Failure f = retry.failure();
                    if (attempt >= maxAttempts) {
                        if (counted) failures.increment();
                        throw new ModelUnavailableException("model endpoint " + url + ": " + f.detail() + " after "
                                + attempt + (attempt == 1 ? " attempt" : " attempts") + " (" + f.kind().hint + ")", f.cause());
                    }
                    Duration delay = retryPolicy.delayBeforeRetry(attempt, f.retryAfter(), ThreadLocalRandom.current());
                    if (retryListener != null) {
                        try {
                            retryListener.beforeRetry(new RetryEvent(url, attempt, maxAttempts, f.detail(), delay));
                        } catch (RuntimeException ignored) {
                            // a logging hook must not break the call
                        }
                    }
                    if (counted) retries.increment();
                    try {
                        if (delay.isPositive()) Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        if (counted) failures.increment();
                        throw new ModelUnavailableException("model endpoint " + url + ": interrupted while waiting to retry after "
                                + f.detail(), e);
                    }
                }
            }
        }
    }

    /** Carries a failed attempt's outcome out of {@link #send}. */
    private static final class AttemptFailed extends Exception {
        private final transient Outcome<?> outcome;

        AttemptFailed(Outcome<?> outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }

        @SuppressWarnings("unchecked")
        <T> Outcome<T> outcome() {
            return (Outcome<T>) outcome;
        }
    }

    private HttpReply send(Request request) throws AttemptFailed, InterruptedException {
        try {
            return http.exchange(request.method(), request.uri(), headers(request.body() != null), request.body(), requestTimeout);
        } catch (IOException e) {
            // Blocking socket I/O answers an interrupt by closing the socket: report the interrupt.
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException("interrupted during the request");
            throw new AttemptFailed(classify(e));
        } catch (RuntimeException e) {
            throw new AttemptFailed(new Fail<>("unexpected error: " + describe(e), e));
        }
    }

    private Outcome<?> classify(Throwable t) {
        if (find(t, HttpConnectTimeoutException.class) != null) {
            return new Retry<>(new Failure(Kind.CONNECT_TIMEOUT, "could not connect (timed out)", null, t));
        }
        if (find(t, HttpTimeoutException.class) != null) {
            return new Retry<>(new Failure(Kind.TIMEOUT, "no response within " + human(requestTimeout), null, t));
        }
        if (find(t, UnresolvedAddressException.class) != null || find(t, UnknownHostException.class) != null) {
            return new Retry<>(new Failure(Kind.UNRESOLVED, "cannot resolve host '" + endpoint.base().getHost() + "'", null, t));
        }
        ConnectException ce = find(t, ConnectException.class);
        if (ce != null) {
            String m = ce.getMessage();
            if (m == null || m.toLowerCase().contains("refused")) {
                return new Retry<>(new Failure(Kind.REFUSED, "connection refused", null, t));
            }
            return new Retry<>(new Failure(Kind.CONNECTION, "cannot connect: " + m, null, t));
        }
        if (t instanceof IOException) {
            return new Retry<>(new Failure(Kind.CONNECTION, "connection failed: " + describe(t), null, t));
        }
        return new Fail<>("unexpected error: " + describe(t), t);
    }

    private static <E extends Throwable> E find(Throwable t, Class<E> type) {
        for (int depth = 0; t != null && depth < 20; t = t.getCause(), depth++) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        String s = m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
        Throwable c = t.getCause();
        if (c != null && c.getMessage() != null && !s.contains(c.getMessage())) s += " (" + c.getMessage() + ")";
        return s;
    }

    private Outcome<ModelReply> interpretChat(HttpReply response) {
        int status = response.status();
        String body = response.body();
        if (status == 200) {
            JsonNode root;
            try {
                root = Json.parse(body);
            } catch (IOException e) {
                return malformed("not JSON", body);
            }
            if (root == null || !root.isObject()) return malformed("not a JSON object", body);
            JsonNode message = root.path("choices").path(0).path("message");
            if (!message.isObject()) return malformed("no choices[0].message", body);
            JsonNode content = message.get("content");
            if (content == null || content.isNull()) return new Done<>(new ModelReply.Text(""));
            if (!content.isTextual()) return malformed("choices[0].message.content is not a string", body);
            return new Done<>(new ModelReply.Text(content.textValue()));
        }
        if (status != 429 && ContextLimitRule.matches(body)) {
            return new Done<>(new ModelReply.ContextLimit(body));
        }
        return errorStatus(response, body);
    }

    private Outcome<List<String>> interpretModels(HttpReply response) {
        String body = response.body();
        if (response.status() != 200) return errorStatus(response, body);
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (IOException e) {
            return malformed("not JSON", body);
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isArray()) return malformed("no data array", body);
        List<String> ids = new ArrayList<>();
        for (JsonNode m : data) {
            JsonNode id = m.get("id");
            if (id != null && id.isTextual()) ids.add(id.textValue());
        }
        return new Done<>(List.copyOf(ids));
    }

    private static <T> Outcome<T> malformed(String why, String body) {
        String shown = body.isEmpty() ? "empty body" : "body: " + excerpt(body);
        return new Retry<>(new Failure(Kind.MALFORMED, "malformed response (" + why + "; " + shown + ")"));
    }

    /** Statuses other than 200 that are not a context limit. */
    private <T> Outcome<T> errorStatus(HttpReply response, String body) {
        int status = response.status();
        String excerpt = body.isEmpty() ? "(empty body)" : excerpt(body);
        if (status == 429) {
            Duration retryAfter = response.header("Retry-After").map(OpenAiChatClient::parseRetryAfter).orElse(null);
            return new Retry<>(new Failure(Kind.RATE_LIMITED, "HTTP 429 (rate limited): " + excerpt, retryAfter, null));
        }
        if (status >= 500 || status == 408) {
            return new Retry<>(new Failure(Kind.SERVER_ERROR, "HTTP " + status + ": " + excerpt));
        }
        if (status >= 200 && status < 300) {
            return new Retry<>(new Failure(Kind.MALFORMED, "unexpected HTTP " + status + " (expected 200): " + excerpt));
        }
        if (status >= 300 && status < 400) {
            String location = response.header("Location").orElse("?");
            return new Fail<>("HTTP " + status + " redirect to " + location + " (not followed; give that URL instead)", null);
        }
        String hint = switch (status) {
            case 401, 403 -> "check the API key";
            case 404 -> "check the URL and the model name '" + modelName + "'";
            default -> "the endpoint rejected the request, so retrying cannot help";
        };
        return new Fail<>("HTTP " + status + ": " + excerpt + " (not retried; " + hint + ")", null);
    }

    /** Seconds (fractions allowed) or an HTTP date; null when unreadable. */
    static Duration parseRetryAfter(String value) {
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            if (!(seconds >= 0) || Double.isInfinite(seconds)) return null;
            return Duration.ofNanos((long) Math.min(seconds * 1e9, 86_400e9));
        } catch (NumberFormatException notANumber) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    /** The start of a body, on one line, for error messages. */
    static String excerpt(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT_CHARS ? flat : flat.substring(0, EXCERPT_CHARS) + "...";
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) return ms + " ms";
        if (ms % 1000 == 0) return ms / 1000 + " s";
        return String.format("%.1f s", ms / 1000.0);
    }

    @Override
    public String toString() {
        return "OpenAiChatClient[" + endpoint.chatCompletions() + ", model " + modelName + "]";
    }

    /** Configures an {@link OpenAiChatClient}; the defaults are AgentBench's. */
    public static final class Builder {
        private final ModelEndpoint endpoint;
        private final String modelName;
        private String apiKey;
        private Double temperature = DEFAULT_TEMPERATURE;
        private Integer maxTokens = DEFAULT_MAX_TOKENS;
        private ObjectNode extraBody = Json.mapper().createObjectNode();
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private RetryListener retryListener;

        private Builder(ModelEndpoint endpoint, String modelName) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(modelName, "modelName");
            if (modelName.isBlank()) throw new IllegalArgumentException("the model name is empty");
            this.modelName = modelName;
        }

        /** Sent as {@code Authorization: Bearer KEY}; null or blank sends no such header. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Default 0; null leaves the field out (the server's default applies). */
        public Builder temperature(Double temperature) {
            if (temperature != null && (!(temperature >= 0) || temperature.isInfinite())) {
                throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        /** Default 512; null leaves the field out (the server's default applies). */
        public Builder maxTokens(Integer maxTokens) {
            if (maxTokens != null && maxTokens < 1) throw new IllegalArgumentException("max_tokens must be at least 1, got " + maxTokens);
            this.maxTokens = maxTokens;
            return this;
        }

        /**
         * More top-level body fields (e.g. {@code top_p}, {@code stop}), written after the
         * others; they may override temperature and max_tokens but not model or messages.
         * Values are converted to JSON as Jackson does (maps, lists, strings, numbers, booleans).
         */
        public Builder extraBody(Map<String, ?> fields) {
            Objects.requireNonNull(fields, "fields");
            for (String key : fields.keySet()) {
                if (key.equals("model") || key.equals("messages")) {
                    throw new IllegalArgumentException("extra body field '" + key + "' is set by the client itself");
                }
            }
            this.extraBody = Json.mapper().valueToTree(new LinkedHashMap<>(fields));
            return this;
        }

        /** How long one attempt may take, headers and body (default 120 s). */
        public Builder requestTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (!timeout.isPositive()) throw new IllegalArgumentException("the request timeout must be positive, got " + timeout);
            this.requestTimeout = timeout;
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder retryListener(RetryListener listener) {
            this.retryListener = listener;
            return this;
        }

        public OpenAiChatClient build() {
            return new OpenAiChatClient(this);
        }
    }
}
