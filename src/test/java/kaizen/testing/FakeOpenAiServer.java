package kaizen.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import kaizen.core.Json;
import kaizen.core.Message;
import kaizen.core.Role;

/**
 * A fake OpenAI-compatible server on 127.0.0.1 (ephemeral port) for harness tests.
 *
 * <p>A script maps each chat request ({@link Request}: its 0-based arrival index and parsed
 * messages) to a {@link Behavior}: a reply (optionally after a latency), any status and body
 * (429 with Retry-After, 500, vLLM's context-length 400, garbage with 200), or a hang that lasts
 * until {@link #close()} (before the headers, or after them with the body half sent). Every chat request is recorded.
 *
 * <p>It speaks HTTP/1.1 with keep-alive over plain blocking sockets, one virtual thread per
 * connection, and latency is a timed wait on that thread: hundreds of concurrent slow requests
 * cost no platform threads, and the server's own CPU per request stays small enough not to
 * distort harness benchmarks that run it in the same process (the JDK's HttpServer, with its
 * single dispatcher thread, did).
 *
 * <p>Endpoints: {@code POST /v1/chat/completions} (scripted), {@code GET /v1/models} (lists
 * {@link #modelName()}); anything else answers 404 in vLLM's error format.
 */
public final class FakeOpenAiServer implements AutoCloseable {
    /** The model name the server lists by default. */
    public static final String MODEL = "fake-model";

    /** vLLM's wording when the conversation does not fit the context window. */
    public static final String CONTEXT_LENGTH_MESSAGE = "This model's maximum context length is 32768 tokens. However, you "
            + "requested 40000 tokens (39488 in the messages, 512 in the completion). Please reduce the length of the "
            + "messages or completion.";

    /** What the server does with one chat request. */
    public sealed interface Behavior {
        /** The same behaviour, answered after {@code latency}. */
        Behavior after(Duration latency);

        /**
         * A normal completion.
         *
         * @param content the assistant text; null sends JSON null
         * @param latency the wait before answering
         */
        record Reply(String content, Duration latency) implements Behavior {
            public Reply {
                Objects.requireNonNull(latency, "latency");
            }

            @Override
            public Reply after(Duration latency) {
                return new Reply(content, latency);
            }
        }

        /** Any status, headers and body, answered after {@code latency}. */
        record Raw(int status, Map<String, String> headers, String body, Duration latency) implements Behavior {
            public Raw {
                headers = Map.copyOf(headers);
                Objects.requireNonNull(body, "body");
                Objects.requireNonNull(latency, "latency");
            }

            @Override
            public Raw after(Duration latency) {
                return new Raw(status, headers, body, latency);
            }
        }

        /**
         * Sends 200 headers promising a body, a few bytes of it, then nothing more until
         * {@link FakeOpenAiServer#close()}.
         */
        record StallAfterHeaders() implements Behavior {
            @Override
            public StallAfterHeaders after(Duration latency) {
                return this;
            }
        }

        /** Never answers; released (with a 503) by {@link FakeOpenAiServer#close()}. */
        record Hang() implements Behavior {
            @Override
            public Hang after(Duration latency) {
                return this;
            }
        }
    }

    /**
     * One recorded chat request.
     *
     * @param index 0-based arrival order among chat requests
     * @param headers first value of each header, names lower-cased
     * @param body the raw body
     * @param json the parsed body (null when it was not JSON)
     * @param messages the parsed {@code messages} (empty when unreadable)
     */
    public record Request(int index, Map<String, String> headers, String body, JsonNode json, List<Message> messages) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The content of the last message, or "" when there is none. */
        public String lastContent() {
            return messages.isEmpty() ? "" : messages.getLast().content();
        }
    }

    // ---- behaviours -----------------------------------------------------------------------------

    public static Behavior reply(String content) {
        return new Behavior.Reply(content, Duration.ZERO);
    }

    public static Behavior reply(String content, Duration latency) {
        return new Behavior.Reply(content, latency);
    }

    /** 200 with {@code "content": null}. */
    public static Behavior nullContent() {
        return new Behavior.Reply(null, Duration.ZERO);
    }

    /** 429 with {@code Retry-After: retryAfter} (seconds; null sends no header). */
    public static Behavior tooManyRequests(String retryAfter) {
        Map<String, String> headers = retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter);
        return new Behavior.Raw(429, headers, errorJson("Too many requests", "RateLimitError", 429), Duration.ZERO);
    }

    public static Behavior serverError() {
        return status(500, errorJson("Internal Server Error", "InternalServerError", 500));
    }

    /** 200 whose body is not JSON. */
    public static Behavior garbage() {
        return new Behavior.Raw(200, Map.of("Content-Type", "text/html"), "<html>502 Bad Gateway (proxy)</html>", Duration.ZERO);
    }

    /** 200 with JSON that has no choices. */
    public static Behavior missingChoices() {
        return status(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[]}");
    }

    public static Behavior hang() {
        return new Behavior.Hang();
    }

    public static Behavior stallAfterHeaders() {
        return new Behavior.StallAfterHeaders();
    }

    /** vLLM's 400 for a conversation longer than the context window. */
    public static Behavior contextLengthError() {
        return badRequest(CONTEXT_LENGTH_MESSAGE);
    }

    /** The body of {@link #contextLengthError()}. */
    public static String contextLengthErrorBody() {
        return errorJson(CONTEXT_LENGTH_MESSAGE, "BadRequestError", 400);
    }

    /** 400 with vLLM's error JSON around {@code message}. */
    public static Behavior badRequest(String message) {
        return status(400, errorJson(message, "BadRequestError", 400));
    }

    public static Behavior status(int status, String body) {
        return new Behavior.Raw(status, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
    }

    /** vLLM's error body. */
    public static String errorJson(String message, String type, int code) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("object", "error");
        o.put("message", message);
        o.put("type", type);
        o.putNull("param");
        o.put("code", code);
        return Json.write(o);
    }

    // ---- scripts --------------------------------------------------------------------------------

    /** Always the same behaviour. */
    public static Function<Request, Behavior> always(Behavior b) {
        Objects.requireNonNull(b, "b");
        return r -> b;
    }

    /** The first {@code n} requests get {@code failure}, later ones {@code then}. */
    public static Function<Request, Behavior> failFirst(int n, Behavior failure, Behavior then) {
        return r -> r.index() < n ? failure : then;
    }

    /** Request i gets {@code behaviors[i]}; requests past the end get the last one. */
    public static Function<Request, Behavior> sequence(Behavior... behaviors) {
        if (behaviors.length == 0) throw new IllegalArgumentException("no behaviours");
        List<Behavior> list = List.of(behaviors);
        return r -> list.get(Math.min(r.index(), list.size() - 1));
    }

    // ---- server ---------------------------------------------------------------------------------

    private final ServerSocket listener;
    private final ExecutorService executor;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final String modelName;
    private volatile Function<Request, Behavior> script;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger chatCount = new AtomicInteger();
    private final AtomicInteger modelsCount = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Request> recorded = new ConcurrentLinkedQueue<>();

    private FakeOpenAiServer(Function<Request, Behavior> script, String modelName) throws IOException {
        this.script = Objects.requireNonNull(script, "script");
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        executor.execute(this::acceptLoop);
    }

    /** Starts a server that answers with {@code script}. */
    public static FakeOpenAiServer start(Function<Request, Behavior> script) {
        return start(script, MODEL);
    }

    public static FakeOpenAiServer start(Function<Request, Behavior> script, String modelName) {
        try {
            return new FakeOpenAiServer(script, modelName);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake OpenAI server", e);
        }
    }

    /** Starts a server that always answers {@code content}. */
    public static FakeOpenAiServer replying(String content) {
        return start(always(reply(content)));
    }

    /** Replaces the script for requests that arrive from now on. */
    public void setScript(Function<Request, Behavior> script) {
        this.script = Objects.requireNonNull(script, "script");
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT/v1} */
    public String baseUrl() {
        return "http://" + listener.getInetAddress().getHostAddress() + ":" + port() + "/v1";
    }

    public String chatCompletionsUrl() {
        return baseUrl() + "/chat/completions";
    }

    public String modelName() {
        return modelName;
    }

    /** Chat requests received so far (including ones still being answered). */
    public int requestCount() {
        return chatCount.get();
    }

    /** GET /v1/models requests received so far. */
    public int modelsRequestCount() {
        return modelsCount.get();
    }

    /** The most requests (of any kind) that were in flight at once. */
    public int peakConcurrency() {
        return peakInFlight.get();
    }

    /** Recorded chat requests in arrival order. */
    public List<Request> requests() {
        List<Request> list = new ArrayList<>(recorded);
        list.sort(Comparator.comparingInt(Request::index));
        return list;
    }

    public Request request(int index) {
        for (Request r : recorded) {
            if (r.index() == index) return r;
        }
        throw new IllegalArgumentException("no request " + index + " (received " + chatCount.get() + ")");
    }

    /** Releases hung and waiting requests, then stops the server. */
    @Override
    public void close() {
        closing.countDown();
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        for (Connection c : connections) {
            if (!c.busy) c.close();
        }
        executor.shutdown();
        try {
            // Released requests answer 503 first; then whatever still holds a socket is cut.
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                connections.forEach(Connection::close);
                executor.awaitTermination(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.forEach(Connection::close);
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                socket.setTcpNoDelay(true);
                Connection c = new Connection(socket);
                connections.add(c);
                executor.execute(() -> serve(c));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    /** Answers requests on one keep-alive connection until the client or the server closes it. */
    private void serve(Connection c) {
        try {
            while (closing.getCount() > 0) {
                Exchange exchange = c.readRequest();
                if (exchange == null) return;
                c.busy = true;
                handle(exchange);
                c.busy = false;
                if (exchange.wantsClose() || exchange.keepOpenForever) return;
            }
        } catch (IOException e) {
            // the client went away, or the server is closing
        } finally {
            c.close();
        }
    }

    private void handle(Exchange exchange) {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        try {
            byte[] raw = exchange.body;
            String method = exchange.method;
            String path = exchange.path;
            if (method.equals("POST") && path.equals("/v1/chat/completions")) {
                chat(exchange, new String(raw, StandardCharsets.UTF_8));
            } else if (method.equals("GET") && path.equals("/v1/models")) {
                modelsCount.incrementAndGet();
                send(exchange, 200, Map.of("Content-Type", "application/json"), modelsJson());
            } else {
                send(exchange, 404, Map.of("Content-Type", "application/json"),
                        errorJson("Not Found: " + method + " " + path, "NotFoundError", 404));
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or the server is closing
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void chat(Exchange exchange, String body) throws IOException {
        int index = chatCount.getAndIncrement();
        Map<String, String> headers = exchange.headers;
        JsonNode json = null;
        List<Message> messages = new ArrayList<>();
        try {
            json = Json.parse(body);
            for (JsonNode m : json.path("messages")) {
                messages.add(new Message(Role.fromWire(m.path("role").asText()), m.path("content").asText()));
            }
        } catch (IOException e) {
            json = null;
        } catch (RuntimeException e) {
            // an unknown role: keep the messages read so far
        }
        Request request = new Request(index, Map.copyOf(headers), body, json, List.copyOf(messages));
        recorded.add(request);
        if (json == null || !json.isObject()) {
            send(exchange, 400, Map.of("Content-Type", "application/json"),
                    errorJson("fake server: the request body is not a JSON object", "BadRequestError", 400));
            return;
        }

        Behavior behavior = script.apply(request);
        switch (behavior) {
            case Behavior.Hang h -> {
                awaitClosing(null);
                send(exchange, 503, Map.of(), "fake server closing");
            }
            case Behavior.StallAfterHeaders s -> {
                exchange.connection.write(200, Map.of("Content-Type", "application/json"), 1000,
                        "{\"id\":".getBytes(StandardCharsets.UTF_8));
                exchange.keepOpenForever = true;
                awaitClosing(null);
            }
            case Behavior.Reply r -> {
                if (!awaitClosing(r.latency())) {
                    send(exchange, 503, Map.of(), "fake server closing");
                    return;
                }
                send(exchange, 200, Map.of("Content-Type", "application/json"), completionJson(index, json, r.content()));
            }
            case Behavior.Raw r -> {
                if (!awaitClosing(r.latency())) {
                    send(exchange, 503, Map.of(), "fake server closing");
                    return;
                }
                send(exchange, r.status(), r.headers(), r.body());
            }
        }
    }

    /** Waits {@code latency} (null: until closing); false when the server is closing. */
    private boolean awaitClosing(Duration latency) {
        try {
            if (latency == null) {
                closing.await();
                return false;
            }
            if (!latency.isPositive()) return closing.getCount() > 0;
            return !closing.await(latency.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String completionJson(int index, JsonNode request, String content) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", "chatcmpl-fake-" + index);
        o.put("object", "chat.completion");
        o.put("created", System.currentTimeMillis() / 1000);
        o.put("model", request.path("model").asText(modelName));
        ObjectNode choice = o.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (content == null) message.putNull("content");
        else message.put("content", content);
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        ObjectNode usage = o.putObject("usage");
        usage.put("prompt_tokens", 0);
        usage.put("completion_tokens", 0);
        usage.put("total_tokens", 0);
        return Json.write(o);
    }

    private String modelsJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("object", "list");
        ObjectNode m = o.putArray("data").addObject();
        m.put("id", modelName);
        m.put("object", "model");
        m.put("owned_by", "kaizen-fake");
        return Json.write(o);
    }

    private static void send(Exchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.connection.write(status, headers, bytes.length, bytes);
    }

    /** One request read off a connection. */
    private static final class Exchange {
        final Connection connection;
        final String method;
        final String path;
        final Map<String, String> headers;
        final byte[] body;
        /** Set when the reply deliberately never completes: the connection must not be reused. */
        boolean keepOpenForever;

        Exchange(Connection connection, String method, String path, Map<String, String> headers, byte[] body) {
            this.connection = connection;
            this.method = method;
            this.path = path;
            this.headers = headers;
            this.body = body;
        }

        boolean wantsClose() {
            return headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("close");
        }
    }

    /** A client connection: reads requests, writes responses. */
    private final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        volatile boolean busy;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = socket.getOutputStream();
        }

        /** The next request, or null at a clean end of stream. */
        Exchange readRequest() throws IOException {
            String requestLine = readLine(true);
            if (requestLine == null) return null;
            String[] parts = requestLine.split(" ");
            if (parts.length < 3) throw new IOException("bad request line: " + requestLine);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line; !(line = readLine(false)).isEmpty(); ) {
                int colon = line.indexOf(':');
                if (colon > 0) headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0").strip());
            byte[] body = in.readNBytes(length);
            if (body.length < length) throw new IOException("request body cut short");
            String target = parts[1];
            int q = target.indexOf('?');
            return new Exchange(this, parts[0], q < 0 ? target : target.substring(0, q), Map.copyOf(headers), body);
        }

        private String readLine(boolean eofAllowed) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    if (eofAllowed && sb.isEmpty()) return null;
                    throw new IOException("connection closed mid-request");
                }
                sb.append((char) b);
            }
            int n = sb.length();
            if (n > 0 && sb.charAt(n - 1) == '\r') sb.setLength(n - 1);
            return sb.toString();
        }

        /** Writes the status line, headers and {@code bytes}; {@code length} is the promised Content-Length. */
        void write(int status, Map<String, String> headers, int length, byte[] bytes) throws IOException {
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("Content-Length: ").append(length).append("\r\n\r\n");
            byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
            byte[] all = java.util.Arrays.copyOf(h, h.length + bytes.length);
            System.arraycopy(bytes, 0, all, h.length, bytes.length);
            out.write(all);
            out.flush();
        }

        void close() {
            connections.remove(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
