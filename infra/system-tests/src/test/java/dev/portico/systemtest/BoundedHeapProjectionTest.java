package dev.portico.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.events.Actor;
import dev.portico.events.AppId;
import dev.portico.events.DeviceId;
import dev.portico.events.EventMetadata;
import dev.portico.events.IdentityId;
import dev.portico.events.PersonalDataCipher;
import dev.portico.events.SealedData;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.identity.IdentityProfileUpdated;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.session.SessionIssued;
import dev.portico.events.store.EventSerialization;
import dev.portico.events.store.EventTables;
import dev.portico.events.user.CustomDataChanged;
import dev.portico.events.user.UserRegistered;
import dev.portico.events.user.UserType;
import dev.portico.stack.PostgresServer;
import dev.portico.stack.TestBackends;
import dev.portico.testsupport.ServiceProcess;
import dev.portico.testsupport.TestDatabase;
import dev.portico.testsupport.TestTopics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Nothing a client sends can make the query-service run out of memory: a stream of the largest events clients
 * can cause, several times the size of the heap, goes through the projection and the outbox of a query-service
 * running as its own JVM with the heap it gets in production, while it runs.
 *
 * <p><b>The largest events</b>, under the default limits (command-service README, "Limits"): a request body is at
 * most 64 KiB ({@code portico.limits.max-body-size}), its headers 8 KiB, so
 * <ul>
 *   <li>{@code IdentityLinked} and {@code IdentityProfileUpdated} of a custom JWT login: the token is at most the
 *       body, so its claims are at most about 48 KiB of JSON, and the profile (the configured metadata fields, each
 *       at most 4,096 characters) at most that; the subject at most 4,096 characters. Sealed (AES-GCM, base64: a
 *       third more) that is a profile of about 64 KiB and a subject of 5.5 KiB;</li>
 *   <li>{@code SessionIssued}: the device details, at most 16 fields of 256 characters ({@code options.device}),
 *       up to 12 KiB in UTF-8, sealed about 16 KiB;</li>
 *   <li>{@code CustomDataChanged} (written by internal services): 16 KB as relaxed JSON
 *       ({@code portico.custom-data.max-bytes}), at most 512 fields, stored as canonical EJSON, up to about
 *       25 KiB, sealed about 34 KiB;</li>
 *   <li>every event's metadata: the client's address and user agent (up to the 8 KiB of headers), sealed about
 *       11 KiB.</li>
 * </ul>
 * A custom-function login keeps the {@code name} the app's own function answers, bounded by
 * {@code portico.functions.max-answer-size} (1 MB) rather than by what the client sends. Each user here has one
 * event of each kind at those sizes: about 250 KiB stored per user, 82 KiB for each profile event.
 *
 * <p><b>The heap</b>: {@link ServiceProcess#PRODUCTION_JVM}, {@code -Xmx80m -Xmn16m} (a 64 MB old generation)
 * with SerialGC and {@code -XX:+ExitOnOutOfMemoryError}, as {@code ./portico} runs the service (decision 0018); the
 * container images give it 75% of a 512 MiB limit (384 MiB), so holding in 80 MB holds there too. {@value #USERS}
 * users make 9,000 events and 414 MiB, 5.2 times the heap. With Axon's defaults (10,000 events cached by the event store, 1,024 queued per
 * segment) the service exits with an OutOfMemoryError while they are appended, and so it does with only the
 * cache bounded; with both bounds its live heap after a full collection stayed under 50 MiB (decision 0010).
 */
class BoundedHeapProjectionTest {
    private static final Path QUERY_JAR = Path.of(System.getProperty("portico.query.jar", "missing"));
    private static final Duration PROJECTED = Duration.ofMinutes(4);
    private static final int USERS = 1800;
    /** Users appended together, as one batch of inserts. */
    private static final int USERS_PER_APPEND = 40;
    private static final long HEAP_BYTES = 80L * 1024 * 1024;
    /** Messages the outbox writes per user: created, identity linked, custom data changed. */
    private static final int MESSAGES_PER_USER = 3;

    private final AppId app = new AppId("heap-" + UUID.randomUUID().toString().substring(0, 8));
    private long liveHeap;

    @Test
    void a_stream_of_the_largest_events_several_times_the_heap_is_projected_and_published_within_it() throws Exception {
        PostgresServer database = TestDatabase.create();
        Path work = Path.of(System.getProperty("portico.e2e.work.dir", "target/e2e")).resolve("heap-" + UUID.randomUUID());
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
                database.password());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        // The key store as the command-service migrates it: the projection opens the profiles for its search index.
        Flyway.configure().dataSource(dataSource).locations("classpath:db/keystore").table("key_store_schema_history")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        String topic = TestTopics.uniqueName("heap.lifecycle");
        TestTopics.create(TestBackends.kafkaBootstrapServers(), topic);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("PORTICO_DB_URL", database.jdbcUrl());
        settings.put("PORTICO_DB_USER", database.username());
        settings.put("PORTICO_DB_PASSWORD", database.password());
        settings.put("PORTICO_KAFKA_BOOTSTRAP_SERVERS", TestBackends.kafkaBootstrapServers());
        settings.put("PORTICO_QUERY_SERVICE_TOKEN", "heap-" + UUID.randomUUID());
        settings.put("portico.query.lifecycle-topic", topic);
        settings.put("portico.query.kafka.transactional-id", topic);

        try (ServiceProcess query = ServiceProcess.start("query-heap", QUERY_JAR, "PORTICO_QUERY_PORT", settings,
                work.resolve("logs"))) {
            ProcessSystem.awaitUp(query);
            long started = System.nanoTime();

            // Given the service follows the event store, when the largest events arrive faster than it handles them
            JdbcEventStorageEngine eventStore = eventStore(dataSource);
            JdbcTemplate keyStore = new JdbcTemplate(dataSource);
            for (int appended = 0; appended < USERS; appended += USERS_PER_APPEND) {
                List<DomainEventMessage<?>> batch = new ArrayList<>();
                List<Object[]> keys = new ArrayList<>();
                for (int i = 0; i < USERS_PER_APPEND; i++) {
                    UserId user = UserId.generate();
                    SecretKey key = PersonalDataCipher.newKey();
                    keys.add(new Object[] {user.value(), key.getEncoded()});
                    batch.addAll(largestEventsOf(user, key));
                }
                // The command-service stores a user's key before the user's first event.
                keyStore.batchUpdate("INSERT INTO personal_data_keys (user_id, key_id, key_bytes) VALUES (?, 'k1', ?)", keys);
                eventStore.appendEvents(batch);
                assertThat(query.alive()).as("query-service still runs; see " + query.log()).isTrue();
            }
            long storedBytes = jdbc.sql("SELECT sum(octet_length(payload) + octet_length(meta_data)) FROM domain_event_entry")
                    .query(Long.class).single();
            long events = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
            assertThat(storedBytes).as("the stream is several times the heap").isGreaterThan(3 * HEAP_BYTES);

            // then the read models reach the last event of every user
            await().atMost(PROJECTED).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(query.alive()).as("query-service still runs; see " + query.log()).isTrue();
                liveHeap = Math.max(liveHeap, liveHeapBytes(query));
                return count(jdbc, "SELECT count(*) FROM users WHERE app_id = ?") == USERS
                        && count(jdbc, "SELECT count(*) FROM user_identities i JOIN users u USING (user_id) "
                                + "WHERE u.app_id = ? AND i.profile_updated_at IS NOT NULL") == USERS
                        && count(jdbc, "SELECT count(*) FROM user_sessions s JOIN users u USING (user_id) "
                                + "WHERE u.app_id = ?") == USERS
                        && count(jdbc, "SELECT count(*) FROM user_custom_data c JOIN users u USING (user_id) "
                                + "WHERE u.app_id = ?") == USERS;
            });
            // and every lifecycle message is written to the outbox and sent to Kafka
            await().atMost(PROJECTED).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(query.alive()).as("query-service still runs; see " + query.log()).isTrue();
                liveHeap = Math.max(liveHeap, liveHeapBytes(query));
                return jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NOT NULL").query(Long.class).single()
                        == (long) USERS * MESSAGES_PER_USER;
            });
            double seconds = (System.nanoTime() - started) / 1e9;

            // and the service is still there, healthy, and never ran out of memory
            assertThat(query.alive()).as("query-service still runs").isTrue();
            assertThat(query.health().up()).as("query-service health").isTrue();
            assertThat(Files.readString(query.log())).doesNotContain("OutOfMemoryError");
            System.out.printf("BoundedHeapProjectionTest: %d events, %d MiB stored (%.1f times the %d MiB heap), "
                            + "projected and published in %.1f s; largest live heap after a full collection %d MiB%n",
                    events, storedBytes >> 20, (double) storedBytes / HEAP_BYTES, HEAP_BYTES >> 20, seconds,
                    liveHeap >> 20);
        } finally {
            TestDatabase.drop(database);
        }
    }

    /** What the heap holds after the latest full collection, as the service's metrics say (0 before the first). */
    private static long liveHeapBytes(ServiceProcess service) {
        try {
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(service.baseUrl() + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return metrics.body().lines().filter(line -> line.startsWith("jvm_gc_live_data_size_bytes"))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .max().orElse(0);
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).param(app.value()).query(Long.class).single();
    }

    /**
     * One user's registration, custom JWT identity, login, profile update and custom data, each at the largest size
     * a client can cause (see the class comment), sealed under the user's own key as the command-service seals.
     */
    private List<DomainEventMessage<?>> largestEventsOf(UserId user, SecretKey key) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        IdentityId identity = new IdentityId(UUID.randomUUID().toString().replace("-", ""));
        SessionId session = SessionId.generate();
        Map<String, Object> byUser = metadata(Actor.user(user), key, user);

        List<DomainEventMessage<?>> events = new ArrayList<>();
        events.add(inStream("User", user.value(), 0, new UserRegistered(user, app, UserType.NORMAL, at), byUser, at));
        events.add(inStream("User", user.value(), 1, new IdentityLinked(user, app, identity, ProviderType.CUSTOM_JWT,
                "custom-token", seal(key, user, "s".repeat(4096)), seal(key, user, largestProfile()), at), byUser, at));
        events.add(inStream("Session", session.value(), 0, new SessionIssued(session, user, app, identity,
                ProviderType.CUSTOM_JWT, DeviceId.generate(), "0".repeat(64), seal(key, user, largestDevice()), at,
                at.plusSeconds(3600)), byUser, at));
        events.add(inStream("User", user.value(), 2, new IdentityProfileUpdated(user, identity,
                seal(key, user, largestProfile()), at), byUser, at));
        events.add(inStream("User", user.value(), 3, new CustomDataChanged(user, seal(key, user, largestCustomData()),
                at), metadata(Actor.service("profiles"), key, user), at));
        return events;
    }

    /** Twelve metadata fields of 4,096 characters: about 48 KiB, what a token within the body can carry. */
    private static String largestProfile() {
        StringBuilder profile = new StringBuilder("{\"name\":\"").append("n".repeat(4096)).append('"');
        for (int field = 1; field < 12; field++) {
            profile.append(",\"claim").append(field).append("\":\"").append("c".repeat(4096)).append('"');
        }
        return profile.append('}').toString();
    }

    /** Sixteen fields of 256 three-byte characters. */
    private static String largestDevice() {
        StringBuilder device = new StringBuilder("{");
        for (int field = 0; field < 16; field++) {
            device.append(field == 0 ? "" : ",").append("\"field").append(field).append("\":\"")
                    .append("\u20ac".repeat(256)).append('"');
        }
        return device.append('}').toString();
    }

    /** 512 numbers as canonical EJSON with a 16 KB relaxed document's worth of text beside them: about 25 KiB. */
    private static String largestCustomData() {
        StringBuilder document = new StringBuilder("{\"text\":\"").append("d".repeat(7 * 1024)).append('"');
        for (int field = 1; field < 512; field++) {
            document.append(",\"n").append(field).append("\":{\"$numberInt\":\"").append(1_000_000 + field).append("\"}");
        }
        return document.append('}').toString();
    }

    /** Actor, request id and the client's address and 8 KiB user agent, sealed, as auditing records them. */
    private static Map<String, Object> metadata(Actor actor, SecretKey key, UserId user) {
        String client = "{\"ip\":\"203.0.113.7\",\"userAgent\":\"" + "u".repeat(8 * 1024 - 32) + "\"}";
        return Map.of(EventMetadata.ACTOR, actor.encoded(), EventMetadata.REQUEST_ID, UUID.randomUUID().toString(),
                EventMetadata.CLIENT, seal(key, user, client).sealed());
    }

    private static SealedData seal(SecretKey key, UserId user, String plaintext) {
        return PersonalDataCipher.seal(key, "k1", user, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    private static DomainEventMessage<?> inStream(String type, String stream, long sequence, Object payload,
            Map<String, Object> metadata, Instant at) {
        return new GenericDomainEventMessage<>(type, stream, sequence, payload, metadata, UUID.randomUUID().toString(), at);
    }

    /** Appends as the command-service does: Axon's JDBC engine with the contract's serializer, on its own connections. */
    private static JdbcEventStorageEngine eventStore(DriverManagerDataSource dataSource) {
        var serializer = EventSerialization.serializer();
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(dataSource)))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .schema(EventTables.schema())
                .build();
    }
}
