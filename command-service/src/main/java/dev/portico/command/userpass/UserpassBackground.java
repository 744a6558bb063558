package dev.portico.command.userpass;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Work the email/password endpoints do after they have answered: looking up an address, issuing its link
 * and sending the mail. Doing it here is what makes "send me a link" answer the same, in the same time,
 * whether or not the address has an account, and keeps a slow mail server out of every response time.
 *
 * <p>One thread, first come first served; the queue is bounded, so a flood of requests is refused (503)
 * rather than held in memory. On shutdown, queued work gets a few seconds to finish.
 */
@Component
public class UserpassBackground implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(UserpassBackground.class);
    private static final int QUEUE = 10_000;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), runnable -> {
                Thread thread = new Thread(runnable, "userpass-background");
                thread.setDaemon(true);
                return thread;
            });

    /** @throws UserpassRefused when too much work is waiting already */
    public void submit(String what, String requestId, Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    // The exception's message may name an address (mail errors do): only its type is logged.
                    log.warn("{} failed (request {}): {}", what, requestId, e.getClass().getName());
                }
            });
        } catch (RejectedExecutionException e) {
            throw new UserpassRefused(UserpassRefused.Reason.BUSY, "too many requests are waiting; try again later",
                    Duration.ofSeconds(5));
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("{} queued e-mail tasks were dropped at shutdown", executor.shutdownNow().size());
        }
    }
}
