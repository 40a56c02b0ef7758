package kaizen.harness.model;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * How the model client moves bytes: one request, one {@link HttpReply}. Failures are thrown as
 * the exceptions {@link OpenAiChatClient} classifies: {@link HttpConnectTimeoutException},
 * {@link HttpTimeoutException} (no complete response within the timeout),
 * {@link java.net.ConnectException}, {@link java.net.UnknownHostException} and other
 * {@link IOException}s.
 */
sealed interface HttpTransport extends AutoCloseable permits SocketTransport, JdkTransport {

    /** A header to send. */
    record Header(String name, String value) {}

    /**
     * Sends one request and reads the whole response within {@code timeout}.
     *
     * @param body the request body, or null for none (GET)
     */
    HttpReply exchange(String method, URI uri, List<Header> headers, byte[] body, Duration timeout)
            throws IOException, InterruptedException;

    /** Aborts exchanges in flight and frees pooled connections. */
    @Override
    void close();

    /**
     * Plain HTTP goes over Kaizen's own keep-alive socket pool (the JDK client's per-request
     * cost dominated a 64-way run against a local server); HTTPS uses the JDK client.
     */
    static HttpTransport forUri(URI base, Duration connectTimeout) {
        return "https".equalsIgnoreCase(base.getScheme()) ? new JdkTransport(connectTimeout) : new SocketTransport(connectTimeout);
    }
}
