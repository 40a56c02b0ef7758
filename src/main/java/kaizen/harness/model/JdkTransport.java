package kaizen.harness.model;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link HttpTransport} over the JDK's HTTP/1.1 client: used for HTTPS endpoints. */
final class JdkTransport implements HttpTransport {
    private final HttpClient http;

    JdkTransport(Duration connectTimeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    @Override
    public HttpReply exchange(String method, URI uri, List<Header> headers, byte[] body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Header h : headers) b.header(h.name(), h.value());
        CompletableFuture<HttpResponse<String>> future;
        try {
            future = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IllegalStateException e) {
            throw new IOException("the HTTP client is shut down", e);
        }
        try {
            // The request timeout covers waiting for the headers; this deadline also covers a body
            // that stalls half way.
            HttpResponse<String> r = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            Map<String, String> first = new HashMap<>();
            r.headers().map().forEach((k, v) -> {
                if (!v.isEmpty()) first.put(k.toLowerCase(Locale.ROOT), v.getFirst());
            });
            return new HttpReply(r.statusCode(), first, r.body() == null ? "" : r.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response within the timeout");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof IOException io) throw io;
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
