package dev.portico.command.outbound;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls another service (an app's function endpoint, an identity provider) within a deadline that covers the
 * whole exchange, body included, and reads at most {@code maxAnswerBytes} of the answer. A login waits on
 * these calls, so a slow or endless answer must cost a bounded time and memory, not a thread forever.
 * Redirects are not followed: an endpoint that moved is a configuration to fix, not a hop to trust.
 */
public final class BoundedHttp {
    /** The answer, read whole: its status, content type (lower case, may be empty) and body. */
    public record Answer(int status, String contentType, byte[] body) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** {@code application/json}, with or without parameters such as a charset. */
        public boolean isJson() {
            return contentType.equals("application/json") || contentType.startsWith("application/json;");
        }
    }

    /** Why no answer came. The messages name no URL: URLs may carry tokens. */
    public static final class Failure extends Exception {
        public enum Kind { UNREACHABLE, TIMED_OUT, TOO_LARGE }

        private final Kind kind;

        Failure(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final long maxAnswerBytes;

    public BoundedHttp(Duration timeout, long maxAnswerBytes) {
        this.timeout = timeout;
        this.maxAnswerBytes = maxAnswerBytes;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // Plain http endpoints would otherwise be offered an h2c upgrade, which some servers refuse.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public Duration timeout() {
        return timeout;
    }

    public long maxAnswerBytes() {
        return maxAnswerBytes;
    }

    public Answer send(HttpRequest request) throws Failure {
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request,
                info -> info.headers().firstValueAsLong("Content-Length").orElse(0) > maxAnswerBytes
                        ? new LimitedBody(-1) : new LimitedBody(maxAnswerBytes));
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw timedOut();
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure(Failure.Kind.UNREACHABLE, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AnswerTooLarge) {
                throw new Failure(Failure.Kind.TOO_LARGE, "the answer exceeds " + maxAnswerBytes + " bytes");
            }
            if (cause instanceof HttpTimeoutException) {
                throw timedOut();
            }
            throw new Failure(Failure.Kind.UNREACHABLE, "the endpoint could not be reached ("
                    + (cause == null ? "unknown" : cause.getClass().getSimpleName()) + ")");
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT).trim();
        return new Answer(response.statusCode(), contentType, response.body());
    }

    private Failure timedOut() {
        return new Failure(Failure.Kind.TIMED_OUT, "no answer within " + timeout.toMillis() + " ms");
    }

    private static final class AnswerTooLarge extends Exception {
        AnswerTooLarge() {
            super(null, null, false, false);
        }
    }

    /** Collects the body up to a limit, and gives up (closing the exchange) beyond it; -1: refuse at once. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final long limit;
        private Flow.Subscription subscription;

        LimitedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public CompletableFuture<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (limit < 0) {
                tooLarge();
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (body.size() + (long) buffer.remaining() > limit) {
                    tooLarge();
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                body.writeBytes(bytes);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(body.toByteArray());
        }

        private void tooLarge() {
            subscription.cancel();
            result.completeExceptionally(new AnswerTooLarge());
        }
    }
}
