package dev.portico.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ServiceProcess;
import dev.portico.testsupport.StoredEvents;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle topic against the event store after a long random scenario: thousands of users log in through
 * each kind of provider, link identities, have their custom data changed, are disabled and enabled, log out
 * and are deleted, while the Kafka broker is stopped and started once and the query-service is killed (SIGKILL)
 * and started once. Afterwards every lifecycle event in the store is on the topic, in order per user, and a
 * message appears twice only as the same event.
 *
 * <p>{@code -Dportico.stream.seed=N} replays a run's lives (the seed is printed); {@code -Dportico.stream.users=N}
 * sizes it (default 2,000).
 */
class LifecycleStreamTest {
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration LIVES = Duration.ofMinutes(10);
    private static final int THREADS = 4;

    @Test
    void the_topic_carries_every_stored_lifecycle_event_in_order_through_a_broker_and_a_query_service_restart() {
        long seed = Long.getLong("portico.stream.seed", System.nanoTime());
        int users = Integer.getInteger("portico.stream.users", 2_000);
        System.out.println("LifecycleStreamTest: seed " + seed + " (again with -Dportico.stream.seed=" + seed
                + "), " + users + " users");
        try (ProcessSystem system = ProcessSystem.start("stream")) {
            ServiceProcess command = system.startCommand("command");
            ServiceProcess query = system.startQuery("query");
            ProcessSystem.awaitUp(command, query);
            long started = System.nanoTime();
            RandomUserLives lives = new RandomUserLives(seed, users, new ClientApi(command.baseUrl()),
                    system.operatorToken(), system.customDataToken()).start(THREADS);

            // A third of the way: the broker stops; the relay keeps the outbox until it is back.
            await().atMost(LIVES).until(() -> lives.lived() >= users / 3);
            System.out.println("LifecycleStreamTest: the broker stops after " + lives.lived() + " users");
            system.stopKafka();
            await().atMost(OUTAGE).until(() -> query.health().reportsDown("kafka"));
            system.startKafka();
            ProcessSystem.awaitUp(query);

            // Two thirds of the way: the query-service dies mid-batch and starts again from its stored tokens.
            await().atMost(LIVES).until(() -> lives.lived() >= 2 * users / 3);
            System.out.println("LifecycleStreamTest: the query-service is killed after " + lives.lived() + " users");
            query.kill();
            query.restart();
            ProcessSystem.awaitUp(query);

            await().atMost(LIVES).until(lives::done);
            System.out.printf("LifecycleStreamTest: %d users lived in %d s%n", users,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            assertThat(lives.unexpected()).as("answers other than the protocol's").isEmpty();

            Map<String, List<StoredEvents.Stored>> stored = LoadAftermath.announcedInStore(system.database());
            assertThat(stored.values().stream().flatMap(List::stream)
                    .filter(e -> PorticoSystem.USER_REGISTERED.equals(e.payloadType())).count())
                    .as("users registered").isEqualTo(users);
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("seed", seed);
            counts.put("steps", lives.steps());
            counts.put("stored lifecycle events", stored.values().stream().flatMap(List::stream).collect(
                    java.util.stream.Collectors.groupingBy(e -> e.payloadType().substring(
                            e.payloadType().lastIndexOf('.') + 1), java.util.TreeMap::new,
                            java.util.stream.Collectors.counting())));
            counts.putAll(LoadAftermath.topicCarries(system.kafkaBootstrapServers(), stored));
            System.out.println("LifecycleStreamTest: " + counts);
            assertThat(command.alive() && query.alive()).isTrue();
        }
    }
}
