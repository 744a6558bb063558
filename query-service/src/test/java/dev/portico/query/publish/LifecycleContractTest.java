package dev.portico.query.publish;

import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.events.SealedData;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.DeletionReason;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import dev.portico.query.support.UserHistory.Identity;
import dev.portico.testsupport.LifecycleConsumer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Every type of lifecycle message, as it arrives on the topic, obeys the JSON Schemas that shared-events
 * publishes as the contract, carries its domain event's id and comes in the user's order.
 */
@QueryServiceTest
class LifecycleContractTest {
    private static final SealedData DOCUMENT = new SealedData("a1.k1.ZG9jdW1lbnQtY29udGVudA");

    @Autowired
    EventStore eventStore;
    @Value("${portico.query.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${portico.query.lifecycle-topic}")
    String topic;

    @Test
    void everyTypeOfMessageObeysItsSchemaAndCarriesItsEventsIdInTheUsersOrder() {
        UserHistory user = new UserHistory(newApp());
        Instant at = now();
        List<DomainEventMessage<?>> events = new ArrayList<>(user.register(at));
        events.add(user.link(Identity.of(ProviderType.EMAIL_PASSWORD, "local-userpass"), at.plusMillis(1)));
        events.add(user.customData(DOCUMENT, at.plusMillis(2)));
        events.add(user.disable(at.plusMillis(3)));
        events.add(user.enable(at.plusMillis(4)));
        events.add(user.customData(null, at.plusMillis(5)));
        events.add(user.delete(DeletionReason.ADMINISTRATIVE, at.plusMillis(6)));
        eventStore.publish(events);

        String userId = user.userId().value();
        try (LifecycleConsumer consumer = new LifecycleConsumer(bootstrapServers, topic)) {
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().untilAsserted(() -> {
                consumer.poll();
                assertThat(consumer.about(userId)).hasSize(events.size());
            });

            List<LifecycleConsumer.Message> messages = consumer.about(userId);
            assertThat(consumer.typesOf(userId)).containsExactly(LifecycleMessages.USER_CREATED,
                    LifecycleMessages.IDENTITY_LINKED, LifecycleMessages.IDENTITY_LINKED,
                    LifecycleMessages.CUSTOM_DATA_CHANGED, LifecycleMessages.USER_DISABLED,
                    LifecycleMessages.USER_ENABLED, LifecycleMessages.CUSTOM_DATA_CHANGED,
                    LifecycleMessages.USER_DELETED);
            assertThat(messages).extracting(LifecycleConsumer.Message::id)
                    .containsExactlyElementsOf(events.stream().map(DomainEventMessage::getIdentifier).toList());
            for (LifecycleConsumer.Message message : messages) {
                LifecycleSchemas.assertValid(message.cloudEvent());
                assertThat(message.key()).isEqualTo(userId);
                assertThat(message.cloudEvent().at("/data/app_id").asText()).isEqualTo(user.appId().value());
                assertThat(message.value()).doesNotContain("ZG9jdW1lbnQtY29udGVudA").doesNotContain("a1.k1.");
            }
            assertThat(messages.get(3).cloudEvent().at("/data/deleted").asBoolean()).isFalse();
            assertThat(messages.get(6).cloudEvent().at("/data/deleted").asBoolean()).isTrue();
        }
    }
}
