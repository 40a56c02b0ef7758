package kaizen.harness.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The plain-HTTP transport against a raw socket server that answers byte for byte what each
 * test scripts: framing (Content-Length, chunked, to end of stream), keep-alive reuse, a pooled
 * connection the server closed, and timeouts.
 */
class SocketTransportTest {

    /** Answers the n-th request (0-based, over all connections) with {@code script.apply(n)}; null closes without answering. */
    static final class RawServer implements AutoCloseable {
        final ServerSocket listener;
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger connections = new AtomicInteger();
        final List<String> requestHeads = new CopyOnWriteArrayList<>();
        final List<Socket> sockets = new CopyOnWriteArrayList<>();

        RawServer(IntFunction<String> script, boolean closeAfterEach) throws IOException {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept();
                        sockets.add(s);
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(s, script, closeAfterEach));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void serve(Socket s, IntFunction<String> script, boolean closeAfterEach) {
            try (s) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = s.getOutputStream();
                while (true) {
                    StringBuilder head = new StringBuilder();
                    int length = 0;
                    for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                        head.append(line).append('\n');
                        if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).strip());
                    }
                    if (head.isEmpty()) return;
                    in.skip(length);
                    requestHeads.add(head.toString());
                    String answer = script.apply(requests.getAndIncrement());
                    if (answer == null) return;
                    out.write(answer.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (closeAfterEach) return;
                }
            } catch (IOException e) {
                // client went away
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/v1/chat/completions?x=1");
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket s : sockets) s.close();
        }
    }

    static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

    private static HttpReply post(SocketTransport t, RawServer server) throws Exception {
        return t.exchange("POST", server.uri(), List.of(new HttpTransport.Header("Content-Type", "application/json")),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
    }

    @Test
    void sendsAWellFormedRequestAndReusesTheConnection() throws Exception {
        try (RawServer server = new RawServer(n -> OK, false); SocketTransport t = new SocketTransport(Duration.ofSeconds(2))) {
            for (int i = 0; i < 5; i++) {
                HttpReply r = post(t, server);
                assertEquals(200, r.status());
                assertEquals("{}", r.body());
                assertEquals("application/json", r.header("content-type").orElseThrow());
            }
            assertEquals(1, server.connections.get(), "keep-alive: one connection for five requests");
            String head = server.requestHeads.getFirst();
            assertTrue(head.startsWith("POST /v1/chat/completions?x=1 HTTP/1.1\n"), head);
            assertTrue(head.contains("Host: 127.0.0.1:" + server.listener.getLocalPort() + "\n"), head);
            assertTrue(head.contains("Content-Length: 7\n"), head);
        }
    }

    @Test
    void readsChunkedBodiesAndBodiesThatEndWithTheConnection() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{\"a\"\r\n6\r\n:\"é\"}\r\n0\r\nX-Trailer: 1\r\n\r\n";
        try (RawServer server = new RawServer(n -> chunked, false); SocketTransport t = new SocketTransport(Duration.ofSeconds(2))) {
            assertEquals("{\"a\":\"é\"}", post(t, server).body());
            assertEquals("{\"a\":\"é\"}", post(t, server).body());
            assertEquals(1, server.connections.get());
        }
        String toEnd = "HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\nbusy, come back later";
        try (RawServer server = new RawServer(n -> toEnd, true); SocketTransport t = new SocketTransport(Duration.ofSeconds(2))) {
            HttpReply r = post(t, server);
            assertEquals(503, r.status());
            assertEquals("busy, come back later", r.body());
            post(t, server);
            assertEquals(2, server.connections.get(), "a body read to end of stream cannot share its connection");
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        String closing = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}";
        try (RawServer server = new RawServer(n -> closing, false); SocketTransport t = new SocketTransport(Duration.ofSeconds(2))) {
            post(t, server);
            post(t, server);
            assertEquals(2, server.connections.get());
        }
    }

    @Test
    void aPooledConnectionTheServerClosedIsReplacedTransparently() throws Exception {
        // The server answers once per connection and then closes it, without saying so.
        try (RawServer server = new RawServer(n -> OK, true); SocketTransport t = new SocketTransport(Duration.ofSeconds(2))) {
            for (int i = 0; i < 4; i++) {
                Thread.sleep(20); // let the close reach the client's pooled socket
                assertEquals(200, post(t, server).status());
            }
            assertEquals(4, server.requests.get());
        }
    }

    @Test
    void aFreshConnectionClosedWithoutAnAnswerIsAnError() throws Exception {
        try (RawServer server = new RawServer(n -> null, false); SocketTransport t = new SocketTransport(Duration.ofSeconds(2))) {
            IOException e = assertThrows(IOException.class, () -> post(t, server));
            assertTrue(e.getMessage().contains("closed the connection without answering"), e.getMessage());
        }
    }

    @Test
    void aStalledResponseTimesOut() throws Exception {
        String half = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"id\":";
        try (RawServer server = new RawServer(n -> half, false); SocketTransport t = new SocketTransport(Duration.ofSeconds(2))) {
            long start = System.nanoTime();
            assertThrows(HttpTimeoutException.class, () -> t.exchange("POST", server.uri(), List.of(), new byte[0], Duration.ofMillis(300)));
            assertTrue((System.nanoTime() - start) / 1e6 < 3000, "gave up near the deadline");
        }
    }

    @Test
    void garbageInsteadOfHttpIsAnError() throws Exception {
        try (RawServer server = new RawServer(n -> "SSH-2.0-OpenSSH_9.2\r\n\r\n", false);
                SocketTransport t = new SocketTransport(Duration.ofSeconds(2))) {
            IOException e = assertThrows(IOException.class, () -> post(t, server));
            assertTrue(e.getMessage().startsWith("not an HTTP/1.x response"), e.getMessage());
        }
    }

    @Test
    void closeAbortsAnExchangeInFlight() throws Exception {
        try (RawServer server = new RawServer(n -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return OK;
                }, false); SocketTransport t = new SocketTransport(Duration.ofSeconds(2))) {
            List<Throwable> thrown = new ArrayList<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    post(t, server);
                } catch (Throwable e) {
                    thrown.add(e);
                }
            });
            Thread.sleep(200);
            t.close();
            caller.join(3000);
            assertEquals(1, thrown.size(), "the blocked exchange ended with an error once the transport closed");
            assertTrue(thrown.getFirst() instanceof IOException, thrown.getFirst().toString());
        }
    }
}
