package dev.portico.query.publish;

import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.events.AppId;
import dev.portico.events.user.DeletionReason;
import dev.portico.query.QueryServiceApplication;
import dev.portico.query.query.CountUsers;
import dev.portico.query.support.QueryDatabaseInitializer;
import dev.portico.query.support.ServiceSettingsInitializer;
import dev.portico.query.support.UserHistory;
import dev.portico.stack.EmbeddedKafka;
import dev.portico.testsupport.LifecycleConsumer;
import dev.portico.testsupport.TestTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The broker goes away while users come and go, then comes back. The read model must not wait for Kafka, and
 * once the broker is back every message must arrive exactly once, in order for each user. The broker is this
 * class's own, so that stopping it disturbs no other test; the context is closed afterwards for the same reason.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        useMainMethod = SpringBootTest.UseMainMethod.ALWAYS)
@ContextConfiguration(initializers = {QueryDatabaseInitializer.class, ServiceSettingsInitializer.class})
@DirtiesContext
class BrokerOutageTest {
    private static final EmbeddedKafka KAFKA = EmbeddedKafka.startTemporary();
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @Autowired
    EventStore eventStore;
    @Autowired
    QueryGateway queries;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OutboxRelay relay;
    @Value("${portico.query.lifecycle-topic}")
    String topic;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("portico.query.kafka.bootstrap-servers", KAFKA::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        KAFKA.close();
    }

    @Test
    void messagesWrittenWhileTheBrokerIsDownArriveExactlyOnceInOrderWhenItIsBack() {
        TestTopics.create(KAFKA.bootstrapServers(), topic);
        try (LifecycleConsumer consumer = new LifecycleConsumer(KAFKA.bootstrapServers(), topic)) {
            // First make sure the relay has a working producer, so the outage hits it mid-life.
            UserHistory before = new UserHistory(newApp());
            eventStore.publish(before.register(now()));
            // Created and its first identity linked.
            await().atMost(GENEROUS).pollInSameThread().until(() -> consumer.poll().size() == 2);

            KAFKA.stop();
            AppId app = newApp();
            List<UserHistory> users = new ArrayList<>();
            List<DomainEventMessage<?>> expectedIds = new ArrayList<>();
            Instant at = now();
            for (int i = 0; i < 5; i++) {
                UserHistory user = new UserHistory(app);
                List<DomainEventMessage<?>> registration = user.register(at.plusMillis(i));
                eventStore.publish(registration);
                expectedIds.addAll(registration);
                if (i % 2 == 0) {
                    DomainEventMessage<?> deletion = user.delete(DeletionReason.ANONYMOUS_LOGOUT, at.plusSeconds(1));
                    eventStore.publish(deletion);
                    expectedIds.add(deletion);
                }
                users.add(user);
            }

            await().atMost(GENEROUS).untilAsserted(() -> {
                assertThat(queries.query(new CountUsers(app), ResponseTypes.instanceOf(Long.class)).join()).isEqualTo(2);
                assertThat(outboxRows(users)).isEqualTo(13);
            });
            // The relay tried, failed at least once and backed off; nothing was marked sent meanwhile.
            await().atMost(GENEROUS).until(() -> relay.status().failedRounds() > 0);
            assertThat(unpublishedRows(users)).isEqualTo(13);

            KAFKA.start();

            await().atMost(GENEROUS).pollInSameThread().untilAsserted(() -> {
                consumer.poll();
                assertThat(unpublishedRows(users)).isZero();
                assertThat(consumer.caughtUp()).isTrue();
                for (int i = 0; i < users.size(); i++) {
                    assertThat(consumer.about(users.get(i).userId().value())).hasSize(i % 2 == 0 ? 3 : 2);
                }
            });
            for (int i = 0; i < users.size(); i++) {
                assertThat(consumer.typesOf(users.get(i).userId().value())).containsExactlyElementsOf(i % 2 == 0
                        ? List.of(LifecycleMessages.USER_CREATED, LifecycleMessages.IDENTITY_LINKED, LifecycleMessages.USER_DELETED)
                        : List.of(LifecycleMessages.USER_CREATED, LifecycleMessages.IDENTITY_LINKED));
            }
            List<String> ids = consumer.poll().stream().map(LifecycleConsumer.Message::id).toList();
            assertThat(ids).doesNotHaveDuplicates()
                    .containsAll(expectedIds.stream().map(DomainEventMessage::getIdentifier).toList())
                    .hasSize(expectedIds.size() + 2);
            assertThat(consumer.about(before.userId().value())).hasSize(2);
        }
    }

    private long outboxRows(List<UserHistory> users) {
        return count("SELECT count(*) FROM outbox WHERE message_key IN (:keys)", users);
    }

    private long unpublishedRows(List<UserHistory> users) {
        return count("SELECT count(*) FROM outbox WHERE published_at IS NULL AND message_key IN (:keys)", users);
    }

    private long count(String sql, List<UserHistory> users) {
        return jdbc.sql(sql).param("keys", users.stream().map(user -> user.userId().value()).toList())
                .query(Long.class).single();
    }
}
