package dev.portico.query.publish;

import dev.portico.query.startup.StartupWait;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Whether the Kafka broker answers, as the {@code kafka} component of {@code /actuator/health} (DOWN with the
 * reason while it does not; the liveness and readiness groups leave it out, as reads go on without Kafka and
 * lifecycle messages wait in the outbox). A service started before its broker says so in the log every few
 * seconds until the broker answers, and after {@code portico.startup.wait-for-dependencies} reports that it
 * gave up waiting; it keeps serving reads and keeps trying, since the outbox loses nothing meanwhile.
 */
@Component("kafka")
public class KafkaReachability implements HealthIndicator, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(KafkaReachability.class);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final Duration startupWait;
    private final Admin admin;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;

    public KafkaReachability(PublishProperties properties, StartupWait.Properties startup) {
        this.bootstrapServers = properties.kafka().bootstrapServers();
        this.startupWait = startup.waitForDependencies();
        int timeout = Math.toIntExact(ATTEMPT_TIMEOUT.toMillis());
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "portico-query-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
    }

    @Override
    public Health health() {
        String failure = failure();
        return failure == null ? Health.up().withDetail("bootstrapServers", bootstrapServers).build()
                : Health.down().withDetail("bootstrapServers", bootstrapServers).withDetail("reason", failure).build();
    }

    /** @return why the broker does not answer, or null when it does */
    String failure() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(Math.toIntExact(ATTEMPT_TIMEOUT.toMillis())))
                    .clusterId().get(ATTEMPT_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        } catch (TimeoutException e) {
            return "no answer within " + ATTEMPT_TIMEOUT.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::waitForTheBroker, "kafka-startup-wait");
        thread.setDaemon(true);
        thread.start();
    }

    private void waitForTheBroker() {
        long started = System.nanoTime();
        try {
            for (String failure = failure(); failure != null && running; failure = failure()) {
                Duration waited = Duration.ofNanos(System.nanoTime() - started);
                if (waited.compareTo(startupWait) >= 0) {
                    log.error("Kafka at {} did not answer within {} (portico.startup.wait-for-dependencies): {}. "
                            + "Reads go on; lifecycle messages stay in the outbox until the broker answers.",
                            bootstrapServers, startupWait, failure);
                    return;
                }
                log.warn("Waiting for Kafka at {} ({} s of at most {} s): {}", bootstrapServers, waited.toSeconds(),
                        startupWait.toSeconds(), failure);
                if (stopped.await(LOG_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        stopped.countDown();
        admin.close(Duration.ofSeconds(2));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
