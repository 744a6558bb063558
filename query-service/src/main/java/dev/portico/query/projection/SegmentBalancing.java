package dev.portico.query.projection;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Shares the "users" processor's segments evenly among the running query-service instances. Axon's pooled
 * processor claims whatever segment is free and never gives one up while it runs, so the instance that starts
 * first takes them all and the others stand by. Every {@code balance-interval} each instance records that it
 * is alive, and one holding two or more segments more than the least loaded live instance releases one; the
 * other's coordinator claims it within its token-claim interval. If an instance stops, its claims lapse and
 * the others take its segments, as before.
 */
@Component
public class SegmentBalancing implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancing.class);
    /** The owner name Axon's token store writes for this process (its default node id). */
    static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public SegmentBalancing(JdbcClient jdbc, EventProcessingConfiguration processing, ProjectionProperties properties) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.interval = properties.balanceInterval();
    }

    /** One round: record this instance as alive, then give up one segment if this instance holds too many. */
    void balance() {
        jdbc.sql("INSERT INTO query_instances (instance_id, seen_at) VALUES (:id, now())"
                        + " ON CONFLICT (instance_id) DO UPDATE SET seen_at = now()")
                .param("id", INSTANCE).update();
        // Three missed rounds: the instance has stopped (or cannot reach the database, and so cannot process).
        jdbc.sql("DELETE FROM query_instances WHERE seen_at < now() - make_interval(secs => :stale)")
                .param("stale", 3 * interval.toMillis() / 1000.0).update();
        Map<String, Integer> segmentsPerInstance = new HashMap<>();
        jdbc.sql("SELECT instance_id FROM query_instances").query(String.class).list()
                .forEach(instance -> segmentsPerInstance.put(instance, 0));
        jdbc.sql("SELECT owner FROM " + TokenStoreConfiguration.TOKEN_TABLE
                        + " WHERE processor_name = :processor AND owner IS NOT NULL")
                .param("processor", ProcessingGroups.USERS).query(String.class).list()
                .forEach(owner -> segmentsPerInstance.computeIfPresent(owner, (instance, count) -> count + 1));
        processing.eventProcessor(ProcessingGroups.USERS, StreamingEventProcessor.class).ifPresent(processor -> {
            List<Integer> mine = processor.processingStatus().keySet().stream().sorted(Comparator.reverseOrder()).toList();
            int fewest = segmentsPerInstance.values().stream().min(Integer::compare).orElse(mine.size());
            if (mine.size() >= fewest + 2) {
                log.info("Releasing segment {} of the users processor: this instance holds {}, another {}",
                        mine.get(0), mine.size(), fewest);
                processor.releaseSegment(mine.get(0));
            }
        });
    }

    @Override
    public void start() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("segment-balancing-");
        threads.setDaemon(true);
        scheduler = Executors.newSingleThreadScheduledExecutor(threads);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                balance();
            } catch (RuntimeException e) {
                // The database may be away for a while; the next round tries again, processing is not affected.
                log.debug("Segment balancing round failed: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
        try {
            jdbc.sql("DELETE FROM query_instances WHERE instance_id = :id").param("id", INSTANCE).update();
        } catch (RuntimeException e) {
            log.debug("Could not sign off from query_instances: {}", e.toString());
        }
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
