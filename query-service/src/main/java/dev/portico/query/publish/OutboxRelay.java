package dev.portico.query.publish;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import dev.portico.query.projection.ProjectionLag;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Moves lifecycle messages from the outbox to Kafka on a thread of its own. Only the instance holding
 * {@link RelayLeadership} sends. Each round takes the oldest unsent rows, sends them in one Kafka
 * transaction and, once that committed, marks them sent. Any failure (broker away, database away, fenced
 * producer) ends the round; the next one starts again from the oldest unsent row after a growing pause, so
 * nothing is skipped and one user's messages keep their order.
 *
 * <p>Delivery is at least once: if the database fails between the Kafka commit and the marking, that batch
 * goes out again. Consumers drop repeats by the CloudEvent id.
 */
public class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

    private final OutboxStore outbox;
    private final RelayLeadership leadership;
    private final LifecycleProducer producer;
    private final RelaySignal signal;
    private final PublishProperties.Outbox settings;
    private final Clock clock;
    private final Timer lag;
    private final AtomicLong failedRounds = new AtomicLong();

    private volatile boolean running;
    private CountDownLatch stopRequested = new CountDownLatch(0);
    private Thread thread;
    private Instant nextPrune = Instant.MIN;
    private volatile int consecutiveFailures;
    private volatile String lastFailure;
    private volatile Instant lastSentAt;

    public OutboxRelay(OutboxStore outbox, RelayLeadership leadership, LifecycleProducer producer, RelaySignal signal,
            PublishProperties.Outbox settings, Clock clock, MeterRegistry metrics) {
        this.outbox = outbox;
        this.leadership = leadership;
        this.producer = producer;
        this.signal = signal;
        this.settings = settings;
        this.clock = clock;
        this.lag = ProjectionLag.timer(metrics, "kafka");
        Gauge.builder("portico.outbox.backlog", outbox, OutboxStore::backlog)
                .description("Lifecycle messages in the outbox not yet sent to Kafka")
                .register(metrics);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        stopRequested = new CountDownLatch(1);
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopRequested.countDown();
        signal.signal();
        try {
            // A round in progress finishes or fails within the producer's time limits.
            thread.join(TimeUnit.SECONDS.toMillis(20));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    public RelayStatus status() {
        return new RelayStatus(leadership.isLeader(), failedRounds.get(), consecutiveFailures, lastFailure, lastSentAt);
    }

    private void run() {
        Duration backoff = null;
        try {
            while (running) {
                try {
                    if (!relayOneBatch() && signal.await(settings.pollInterval()) && !settings.linger().isZero()) {
                        // Rows keep committing, one projection batch after another: gather them into one transaction.
                        stopRequested.await(settings.linger().toNanos(), TimeUnit.NANOSECONDS);
                    }
                    backoff = null;
                    consecutiveFailures = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException | SQLException e) {
                    backoff = backoff == null ? settings.minBackoff() : min(backoff.multipliedBy(2), settings.maxBackoff());
                    failedRounds.incrementAndGet();
                    consecutiveFailures++;
                    lastFailure = clock.instant() + " " + e;
                    log.warn("Relaying lifecycle messages failed, retrying in {} ms: {}", backoff.toMillis(), e.toString());
                    log.debug("Relay failure", e);
                    if (stopRequested.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close();
            leadership.release();
        }
    }

    /** @return whether a full batch went out, in which case there is likely more waiting */
    private boolean relayOneBatch() throws SQLException {
        if (!leadership.holdOrAcquire()) {
            // Another instance relays; if this one led before, its producer has been or will be fenced.
            producer.close();
            return false;
        }
        List<OutboxMessage> batch = outbox.unpublished(settings.batchSize());
        if (batch.isEmpty()) {
            pruneWhenDue();
            return false;
        }
        producer.publish(batch);
        outbox.markPublished(batch);
        lastSentAt = clock.instant();
        batch.stream().filter(message -> message.eventTime() != null)
                .forEach(message -> lag.record(Duration.between(message.eventTime(), lastSentAt)));
        return batch.size() == settings.batchSize();
    }

    private void pruneWhenDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_INTERVAL);
        int pruned = outbox.prunePublishedBefore(now.minus(settings.retention()));
        if (pruned > 0) {
            log.info("Pruned {} sent lifecycle messages older than {}", pruned, settings.retention());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
