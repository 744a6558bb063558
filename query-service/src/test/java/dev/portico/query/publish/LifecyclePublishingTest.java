package dev.portico.query.publish;

import static dev.portico.query.publish.LifecycleAssertions.assertCloudEvent;
import static dev.portico.query.support.UserHistory.anonymous;
import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.AppId;
import dev.portico.events.user.DeletionReason;
import dev.portico.query.support.UserHistory.Identity;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.UserType;
import dev.portico.query.query.FindUser;
import dev.portico.query.query.UserView;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import dev.portico.testsupport.LifecycleConsumer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Lifecycle messages as a downstream service reads them: read_committed, from the start of the topic. */
@QueryServiceTest
class LifecyclePublishingTest {
    private static final Duration DELIVERED = Duration.ofSeconds(60);

    @Autowired
    EventStore eventStore;
    @Autowired
    QueryGateway queries;
    @Autowired
    JdbcClient jdbc;
    @Value("${portico.query.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${portico.query.lifecycle-topic}")
    String topic;

    @Test
    void everyUserIsAnnouncedOnceCreatedThenOnceDeletedInThatOrder() {
        AppId app = newApp();
        List<UserHistory> users = new ArrayList<>();
        List<DomainEventMessage<?>> registrations = new ArrayList<>();
        List<DomainEventMessage<?>> deletions = new ArrayList<>();
        Instant at = now();
        for (int i = 0; i < 4; i++) {
            UserHistory user = new UserHistory(app);
            Identity identity = i == 0 ? Identity.of(ProviderType.API_KEY, "api-key") : anonymous();
            List<DomainEventMessage<?>> registration = user.register(i == 0 ? UserType.SERVER : UserType.NORMAL,
                    identity, at.plusMillis(i));
            eventStore.publish(registration);
            registrations.add(registration.get(0));
            users.add(user);
        }
        // Linked later, by another command: not one of the identities the user was registered with.
        eventStore.publish(users.get(1).link(Identity.of(ProviderType.EMAIL_PASSWORD, "local-userpass"),
                at.plusSeconds(1)));
        for (UserHistory user : users) {
            DomainEventMessage<?> deletion = user.delete(DeletionReason.USER_REQUEST, at.plusSeconds(2));
            eventStore.publish(deletion);
            deletions.add(deletion);
        }

        try (LifecycleConsumer consumer = new LifecycleConsumer(bootstrapServers, topic)) {
            await().atMost(DELIVERED).pollInSameThread().untilAsserted(() -> {
                consumer.poll();
                assertThat(unpublishedOf(users)).isZero();
                assertThat(consumer.caughtUp()).isTrue();
                users.forEach(user -> assertThat(comingAndGoing(consumer, user.userId().value())).hasSize(2));
            });

            for (int i = 0; i < users.size(); i++) {
                String userId = users.get(i).userId().value();
                List<LifecycleConsumer.Message> messages = comingAndGoing(consumer, userId);
                assertThat(messages).extracting(LifecycleConsumer.Message::type)
                        .containsExactly(LifecycleMessages.USER_CREATED, LifecycleMessages.USER_DELETED);

                JsonNode created = assertCloudEvent(messages.get(0), registrations.get(i), LifecycleMessages.USER_CREATED,
                        app.value());
                assertThat(created.get("user_id").asText()).isEqualTo(userId);
                assertThat(created.get("app_id").asText()).isEqualTo(app.value());
                assertThat(created.get("type").asText()).isEqualTo(i == 0 ? "server" : "normal");
                assertThat(created.get("created_at").asText()).isEqualTo(at.plusMillis(i).toString());
                assertThat(created.size()).isEqualTo(4);

                JsonNode deleted = assertCloudEvent(messages.get(1), deletions.get(i), LifecycleMessages.USER_DELETED,
                        app.value());
                assertThat(deleted.get("user_id").asText()).isEqualTo(userId);
                assertThat(deleted.get("app_id").asText()).isEqualTo(app.value());
                assertThat(deleted.get("reason").asText()).isEqualTo("user_request");
                assertThat(deleted.get("deleted_at").asText()).isEqualTo(at.plusSeconds(2).toString());
                assertThat(deleted.size()).isEqualTo(4);
            }
        }
    }

    /**
     * A database trigger refuses one user's row, so the projection's transaction rolls back every time it
     * tries. A sequence counts the attempts: sequences are not transactional, so the count survives the
     * rollbacks. Until the trigger goes, neither the user nor any message for it may exist.
     */
    @Test
    void aRolledBackReadModelChangeAnnouncesNothingUntilItCommits() {
        UserHistory refused = new UserHistory(newApp());
        String userId = refused.userId().value();
        jdbc.sql("CREATE SEQUENCE refused_attempts").update();
        jdbc.sql("""
                CREATE FUNCTION refuse_test_user() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.user_id = '%s' THEN
                        PERFORM nextval('refused_attempts');
                        RAISE EXCEPTION 'refused by the test';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(userId)).update();
        jdbc.sql("CREATE TRIGGER refuse_test_user BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION refuse_test_user()")
                .update();
        try (LifecycleConsumer consumer = new LifecycleConsumer(bootstrapServers, topic)) {
            try {
                eventStore.publish(refused.register(now()));

                await().atMost(DELIVERED).until(() -> attempts() >= 2);
                assertThat(find(refused)).isEmpty();
                assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = ?").param(userId)
                        .query(Long.class).single()).isZero();
                await().atMost(DELIVERED).pollInSameThread().until(() -> {
                    consumer.poll();
                    return consumer.caughtUp();
                });
                assertThat(consumer.about(userId)).isEmpty();
            } finally {
                jdbc.sql("DROP TRIGGER refuse_test_user ON users").update();
                jdbc.sql("DROP FUNCTION refuse_test_user()").update();
                jdbc.sql("DROP SEQUENCE refused_attempts").update();
            }

            await().atMost(DELIVERED).pollInSameThread().untilAsserted(() -> {
                consumer.poll();
                assertThat(find(refused)).isPresent();
                assertThat(consumer.typesOf(userId)).containsExactly(LifecycleMessages.USER_CREATED,
                        LifecycleMessages.IDENTITY_LINKED);
            });
        }
    }

    /** The messages of a user's creation and deletion; the identities it links are announced in between. */
    private static List<LifecycleConsumer.Message> comingAndGoing(LifecycleConsumer consumer, String userId) {
        return consumer.about(userId).stream()
                .filter(message -> !message.type().equals(LifecycleMessages.IDENTITY_LINKED))
                .toList();
    }

    private long attempts() {
        return jdbc.sql("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM refused_attempts")
                .query(Long.class).single();
    }

    private java.util.Optional<UserView> find(UserHistory user) {
        return queries.query(new FindUser(user.userId()), ResponseTypes.optionalInstanceOf(UserView.class)).join();
    }

    private long unpublishedOf(List<UserHistory> users) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL AND message_key IN (:keys)")
                .param("keys", users.stream().map(user -> user.userId().value()).toList())
                .query(Long.class).single();
    }
}
