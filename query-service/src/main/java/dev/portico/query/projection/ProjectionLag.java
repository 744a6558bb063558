package dev.portico.query.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Measures {@code portico.projection.lag}: from an event's recording by command-service to the commit of the
 * read model change it caused ({@code target=read_model}); the relay records the same timer up to the Kafka
 * commit ({@code target=kafka}). Replayed events are old by nature, so they are not measured.
 */
@Component
@ProcessingGroup(ProcessingGroups.USERS)
@DisallowReplay
public class ProjectionLag {
    /**
     * Cumulative buckets ({@code _bucket{le=…}}), fine up to 120 ms: any window's percentiles follow from two
     * scrapes (Prometheus' {@code histogram_quantile}, infra/bench's projection_lag), which client-side quantiles,
     * decaying over a fixed time and not exposed beside buckets, cannot give.
     */
    private static final Duration[] BUCKETS = java.util.stream.Stream.of(
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100, 110, 120, 150,
                    200, 300, 500, 750, 1_000, 2_000, 5_000, 10_000, 30_000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    private final Timer readModel;
    private final Clock clock = Clock.systemUTC();

    public ProjectionLag(MeterRegistry metrics) {
        this.readModel = timer(metrics, "read_model");
    }

    public static Timer timer(MeterRegistry metrics, String target) {
        return Timer.builder("portico.projection.lag")
                .description("Time from an event's recording to its effect committed in the target")
                .tag("target", target)
                .serviceLevelObjectives(BUCKETS)
                .register(metrics);
    }

    @EventHandler
    void on(Object event, @Timestamp Instant recordedAt) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            readModel.record(Duration.between(recordedAt, clock.instant()));
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                readModel.record(Duration.between(recordedAt, clock.instant()));
            }
        });
    }
}
