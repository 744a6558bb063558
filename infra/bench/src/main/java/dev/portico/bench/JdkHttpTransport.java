package dev.portico.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;

/** java.net.http.HttpClient, one per worker, so that each worker has its own keep-alive connection. */
final class JdkHttpTransport implements Transport {
    private final Duration timeout;
    private final HttpClient client;

    JdkHttpTransport(int timeoutMillis) {
        this.timeout = Duration.ofMillis(timeoutMillis);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    @Override
    public void exchange(Call call, Reply reply) throws IOException {
        try {
            HttpResponse<byte[]> response = client.send(call.jdkRequest(timeout), HttpResponse.BodyHandlers.ofByteArray());
            reply.status = response.statusCode();
            byte[] body = response.body();
            reply.body(body, 0, body.length);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    @Override
    public void close() {
        // HttpClient has no close() before Java 21; its connection goes when the client is collected.
    }
}
