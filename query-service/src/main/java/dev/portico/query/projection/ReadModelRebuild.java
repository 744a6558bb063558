package dev.portico.query.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds every read model of {@link ReadModels} from the first event in the store while the live tables go on
 * answering. The projections' own handlers write into copies of their tables in the schema
 * {@value ReadModels#REBUILD_SCHEMA}: each batch runs with that schema first on its {@code search_path}, so the
 * same SQL that keeps the live tables writes the copies. Once the copies have caught up, the "users" processor is
 * paused, the copies take in the last events, are compared with the live tables, and replace them in one
 * transaction (each table moves schema; readers wait for that instant, then read the new tables). The processor
 * then resumes from its own position; its handlers are idempotent, so events the copies already had change
 * nothing. The hash chain and the outbox are not read models and are never rebuilt.
 *
 * <p>Other instances must not process the "users" group during the switch (as for a replay): only this
 * instance's processor is paused.
 */
@Component
public class ReadModelRebuild {
    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final int BATCH = 500;

    /** What a rebuild is doing, or last did. {@code differences}: rows of each table the live one lacked or had extra. */
    public record Status(String state, Instant startedAt, Instant finishedAt, long eventsApplied, long headIndex,
            long position, double eventsPerSecond, Map<String, Long> differences, String failure) {
        static final Status IDLE = new Status("idle", null, null, 0, 0, 0, 0, Map.of(), null);

        public boolean running() {
            return state.equals("building") || state.equals("switching");
        }
    }

    private final EventStorageEngine events;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final EventProcessingConfiguration processing;
    private final ApplicationContext context;
    private final Clock clock;
    private final AtomicReference<Status> status = new AtomicReference<>(Status.IDLE);

    public ReadModelRebuild(EventStorageEngine events, JdbcClient jdbc, PlatformTransactionManager transactions,
            EventProcessingConfiguration processing, ApplicationContext context, MeterRegistry metrics) {
        this.events = events;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.processing = processing;
        this.context = context;
        this.clock = Clock.systemUTC();
        Gauge.builder("portico.rebuild.running", status, s -> s.get().running() ? 1 : 0)
                .description("1 while the read models are being rebuilt").register(metrics);
        Gauge.builder("portico.rebuild.events.applied", status, s -> s.get().eventsApplied())
                .description("Events the current or last rebuild applied").register(metrics);
        Gauge.builder("portico.rebuild.position", status, s -> s.get().position())
                .description("Global index of the last event the rebuild applied").register(metrics);
        Gauge.builder("portico.rebuild.head", status, s -> s.get().headIndex())
                .description("Global index of the last event in the store when the rebuild looked").register(metrics);
    }

    public Status status() {
        return status.get();
    }

    /** @return false if a rebuild is already running */
    public synchronized boolean start() {
        if (status.get().running()) {
            return false;
        }
        Instant started = clock.instant();
        status.set(new Status("building", started, null, 0, headIndex(), 0, 0, Map.of(), null));
        Thread thread = new Thread(() -> run(started), "read-model-rebuild");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    private void run(Instant started) {
        try {
            List<AnnotationEventHandlerAdapter> projections = ReadModels.ALL.stream()
                    .map(model -> new AnnotationEventHandlerAdapter(context.getBean(model.projection())))
                    .toList();
            String live = jdbc.sql("SELECT current_schema()").query(String.class).single();
            createCopies(live);
            TrackingToken position = apply(projections, live, null, started);

            StreamingEventProcessor processor = usersProcessor();
            awaitCaughtUp(processor);
            processor.shutDown();
            try {
                progress("switching", started);
                position = apply(projections, live, position, started);
                Map<String, Long> differences = compare(live);
                switchTables(live);
                Status last = status.get();
                status.set(new Status("done", started, clock.instant(), last.eventsApplied(), last.headIndex(),
                        last.position(), rate(last.eventsApplied(), started), differences, null));
                log.info("Rebuilt the read models from {} events at {} events/s; differences from the live tables: {}",
                        last.eventsApplied(), Math.round(rate(last.eventsApplied(), started)), differences);
            } finally {
                processor.start();
            }
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Status last = status.get();
            status.set(new Status("failed", started, clock.instant(), last.eventsApplied(), last.headIndex(),
                    last.position(), last.eventsPerSecond(), Map.of(), e.toString()));
            log.error("Rebuilding the read models failed; the live tables are unchanged", e);
        }
    }

    private void createCopies(String live) {
        transactions.executeWithoutResult(tx -> {
            for (String table : ReadModels.tables()) {
                jdbc.sql("DROP TABLE IF EXISTS " + ReadModels.REBUILD_SCHEMA + "." + table + " CASCADE").update();
                // Columns, defaults, checks and indexes; no foreign keys to the live tables.
                jdbc.sql("CREATE TABLE " + ReadModels.REBUILD_SCHEMA + "." + table + " (LIKE " + live + "." + table
                        + " INCLUDING ALL)").update();
            }
        });
    }

    /** Applies every event after {@code from} to the copies, batch by batch; @return the last event's token */
    private TrackingToken apply(List<AnnotationEventHandlerAdapter> projections, String live, TrackingToken from,
            Instant started) {
        TrackingToken position = from;
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            while (iterator.hasNext()) {
                List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
                while (iterator.hasNext() && batch.size() < BATCH) {
                    batch.add(iterator.next());
                }
                transactions.executeWithoutResult(tx -> {
                    jdbc.sql("SET LOCAL search_path TO " + ReadModels.REBUILD_SCHEMA + ", " + live).update();
                    for (TrackedEventMessage<?> event : batch) {
                        for (AnnotationEventHandlerAdapter projection : projections) {
                            if (projection.canHandle(event)) {
                                handle(projection, event);
                            }
                        }
                    }
                });
                position = batch.get(batch.size() - 1).trackingToken();
                Status last = status.get();
                status.set(new Status(last.state(), started, null, last.eventsApplied() + batch.size(),
                        Math.max(last.headIndex(), position.position().orElse(0)), position.position().orElse(0),
                        rate(last.eventsApplied() + batch.size(), started), Map.of(), null));
            }
        }
        return position;
    }

    private static void handle(AnnotationEventHandlerAdapter projection, TrackedEventMessage<?> event) {
        try {
            projection.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException("a projection failed on event " + event.getIdentifier(), e);
        }
    }

    /** Rows in one table and not in the other, both ways, per table. */
    private Map<String, Long> compare(String live) {
        Map<String, Long> differences = new LinkedHashMap<>();
        for (String table : ReadModels.tables()) {
            String rebuilt = ReadModels.REBUILD_SCHEMA + "." + table;
            String current = live + "." + table;
            differences.put(table, jdbc.sql("SELECT (SELECT count(*) FROM (TABLE " + rebuilt + " EXCEPT ALL TABLE "
                    + current + ") a) + (SELECT count(*) FROM (TABLE " + current + " EXCEPT ALL TABLE " + rebuilt + ") b)")
                    .query(Long.class).single());
        }
        return differences;
    }

    /** One transaction: the live tables retire, the copies take their place. */
    private void switchTables(String live) {
        transactions.executeWithoutResult(tx -> {
            for (String table : ReadModels.tables()) {
                jdbc.sql("DROP TABLE IF EXISTS " + ReadModels.RETIRED_SCHEMA + "." + table + " CASCADE").update();
            }
            for (String table : ReadModels.tables()) {
                jdbc.sql("ALTER TABLE " + live + "." + table + " SET SCHEMA " + ReadModels.RETIRED_SCHEMA).update();
                jdbc.sql("ALTER TABLE " + ReadModels.REBUILD_SCHEMA + "." + table + " SET SCHEMA " + live).update();
            }
        });
    }

    /**
     * Polls, at most 30 s: Axon's processors report being caught up only through their status, with no event or
     * callback to wait on; 50 ms is short next to a rebuild and costs one status read.
     */
    private void awaitCaughtUp(StreamingEventProcessor processor) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !processor.processingStatus().values().stream()
                .allMatch(EventTrackerStatus::isCaughtUp)) {
            Thread.sleep(50);
        }
    }

    private StreamingEventProcessor usersProcessor() {
        return processing.eventProcessor(ProcessingGroups.USERS, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + ProcessingGroups.USERS));
    }

    private void progress(String state, Instant started) {
        Status last = status.get();
        status.set(new Status(state, started, null, last.eventsApplied(), last.headIndex(), last.position(),
                last.eventsPerSecond(), Map.of(), null));
    }

    private long headIndex() {
        return jdbc.sql("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    private double rate(long applied, Instant started) {
        double seconds = Math.max(Duration.between(started, clock.instant()).toMillis(), 1) / 1000.0;
        return applied / seconds;
    }
}
