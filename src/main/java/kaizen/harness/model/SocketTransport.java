package kaizen.harness.model;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * {@link HttpTransport} for plain-HTTP endpoints: HTTP/1.1 over blocking sockets with a
 * keep-alive pool. Blocking is what virtual threads are for, so an exchange is a write and a few
 * reads on the caller's thread, with no selector, executor hand-offs or futures; at 64 concurrent
 * episodes against a local server this cut the harness's CPU per call several-fold compared
 * with the JDK client (docs/BENCHMARKS.md).
 *
 * <p>Responses are read by Content-Length, chunked transfer coding, or to end of stream. A
 * connection goes back to the pool only after a complete response that did not ask to close it.
 * A request that fails on a pooled connection before any response byte arrives is sent once
 * more on a fresh one, since servers close idle keep-alive connections at will.
 */
final class SocketTransport implements HttpTransport {
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    private static final int MAX_IDLE = 256;

    private final int connectTimeoutMillis;
    private final Map<String, ConcurrentLinkedDeque<Connection>> idle = new ConcurrentHashMap<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    SocketTransport(Duration connectTimeout) {
        this.connectTimeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
    }

    @Override
    public HttpReply exchange(String method, URI uri, List<Header> headers, byte[] body, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String key = host + ":" + port;
        byte[] request = encode(method, uri, key, headers, body);
        Connection pooled = idle.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).pollFirst();
        if (pooled != null) {
            try {
                return exchange(pooled, key, request, deadline);
            } catch (StaleConnection e) {
                // The server had closed it while idle; a fresh connection follows.
            }
        }
        try {
            return exchange(connect(host, port, deadline), key, request, deadline);
        } catch (StaleConnection e) {
            throw new IOException("the server closed the connection without answering", e.getCause());
        }
    }

    private HttpReply exchange(Connection c, String key, byte[] request, long deadline) throws IOException {
        boolean reusable = false;
        try {
            try {
                c.out.write(request);
                c.out.flush();
                c.setDeadline(deadline);
                c.readAtLeastOne();
            } catch (EOFException | java.net.SocketException e) {
                if (closed) throw e;
                throw new StaleConnection(e);
            }
            Response r = c.readResponse(deadline);
            reusable = r.keepAlive;
            return r.reply;
        } catch (SocketTimeoutException e) {
            throw new HttpTimeoutException("no complete response within the timeout");
        } finally {
            if (reusable && !closed) release(c, key);
            else c.close();
        }
    }

    private void release(Connection c, String key) {
        ConcurrentLinkedDeque<Connection> q = idle.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>());
        if (q.size() >= MAX_IDLE) {
            c.close();
            return;
        }
        q.addFirst(c);
        // close() may have run between the check and the add.
        if (closed && q.remove(c)) c.close();
    }

    private Connection connect(String host, int port, long deadline) throws IOException {
        if (closed) throw new IOException("the model client is closed");
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            s.connect(new InetSocketAddress(host, port), (int) Math.min(connectTimeoutMillis, left));
        } catch (SocketTimeoutException e) {
            s.close();
            throw new HttpConnectTimeoutException("could not connect to " + host + ":" + port + " in time");
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        Connection c = new Connection(s);
        open.add(c);
        if (closed) {
            c.close();
            throw new IOException("the model client is closed");
        }
        return c;
    }

    private static byte[] encode(String method, URI uri, String hostPort, List<Header> headers, byte[] body) {
        StringBuilder sb = new StringBuilder(256);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        sb.append(method).append(' ').append(path);
        if (uri.getRawQuery() != null) sb.append('?').append(uri.getRawQuery());
        sb.append(" HTTP/1.1\r\nHost: ").append(hostPort).append("\r\n");
        for (Header h : headers) sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        if (body != null) sb.append("Content-Length: ").append(body.length).append("\r\n");
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) return head;
        // One buffer, one write: the request leaves in as few segments as possible.
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    @Override
    public void close() {
        closed = true;
        for (Connection c : open) c.close();
        idle.clear();
    }

    /** A pooled connection failed before the response began. */
    private static final class StaleConnection extends IOException {
        StaleConnection(IOException cause) {
            super(cause);
        }
    }

    private record Response(HttpReply reply, boolean keepAlive) {}

    /** One socket with its read buffer. */
    private final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final byte[] buf = new byte[16 * 1024];
        int pos;
        int limit;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        void setDeadline(long deadline) throws IOException {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) throw new SocketTimeoutException();
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        }

        /** Fills the buffer with at least one more byte; EOF is an exception. */
        void readAtLeastOne() throws IOException {
            if (pos < limit) return;
            int n = in.read(buf, 0, buf.length);
            if (n < 0) throw new EOFException("connection closed by the server");
            pos = 0;
            limit = n;
        }

        Response readResponse(long deadline) throws IOException {
            int[] headerBytes = {0};
            String statusLine = readLine(deadline, headerBytes);
            // "HTTP/1.1 200 OK"
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.x response: " + OpenAiChatClient.excerpt(statusLine));
            }
            boolean http10 = statusLine.charAt(7) == '0';
            int status;
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("bad HTTP status line: " + OpenAiChatClient.excerpt(statusLine));
            }
            Map<String, String> headers = new HashMap<>();
            for (String line; !(line = readLine(deadline, headerBytes)).isEmpty(); ) {
                int colon = line.indexOf(':');
                if (colon <= 0) continue;
                headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
            String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
            boolean keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
            byte[] body;
            String te = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
            String length = headers.get("content-length");
            if (status / 100 == 1 || status == 204 || status == 304) {
                body = new byte[0];
            } else if (te.contains("chunked")) {
                body = readChunked(deadline, headerBytes);
            } else if (length != null) {
                long n;
                try {
                    n = Long.parseLong(length.strip());
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length: " + length);
                }
                if (n < 0 || n > MAX_BODY_BYTES) throw new IOException("response body too large: " + n + " bytes");
                body = readExactly((int) n, deadline);
            } else {
                body = readToEnd(deadline);
                keepAlive = false;
            }
            return new Response(new HttpReply(status, headers, new String(body, StandardCharsets.UTF_8)), keepAlive);
        }

        private String readLine(long deadline, int[] headerBytes) throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                if (pos == limit) {
                    setDeadline(deadline);
                    readAtLeastOne();
                }
                byte b = buf[pos++];
                if (++headerBytes[0] > MAX_HEADER_BYTES) throw new IOException("response headers longer than " + MAX_HEADER_BYTES + " bytes");
                if (b == '\n') {
                    int len = sb.length();
                    if (len > 0 && sb.charAt(len - 1) == '\r') sb.setLength(len - 1);
                    return sb.toString();
                }
                sb.append((char) (b & 0xff));
            }
        }

        private byte[] readExactly(int n, long deadline) throws IOException {
            byte[] out = new byte[n];
            int got = 0;
            while (got < n) {
                if (pos == limit) {
                    setDeadline(deadline);
                    readAtLeastOne();
                }
                int take = Math.min(n - got, limit - pos);
                System.arraycopy(buf, pos, out, got, take);
                pos += take;
                got += take;
            }
            return out;
        }

        private byte[] readChunked(long deadline, int[] headerBytes) throws IOException {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(deadline, headerBytes);
                int semi = sizeLine.indexOf(';');
                String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip();
                int size;
                try {
                    size = Integer.parseInt(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size: " + OpenAiChatClient.excerpt(sizeLine));
                }
                if (size < 0 || body.size() + (long) size > MAX_BODY_BYTES) throw new IOException("response body too large");
                if (size == 0) {
                    while (!readLine(deadline, headerBytes).isEmpty()) {
                        // trailers are ignored
                    }
                    return body.toByteArray();
                }
                body.writeBytes(readExactly(size, deadline));
                readLine(deadline, headerBytes); // the CRLF after the chunk
            }
        }

        private byte[] readToEnd(long deadline) throws IOException {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.write(buf, pos, limit - pos);
            pos = limit;
            while (true) {
                setDeadline(deadline);
                int n = in.read(buf, 0, buf.length);
                if (n < 0) return body.toByteArray();
                if (body.size() + (long) n > MAX_BODY_BYTES) throw new IOException("response body too large");
                body.write(buf, 0, n);
            }
        }

        void close() {
            open.remove(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do with a socket that will not close
            }
        }
    }
}
