package dev.portico.query.projection;

import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.query.QueryServiceApplication;
import dev.portico.query.publish.LifecycleMessages;
import dev.portico.query.query.FindUser;
import dev.portico.query.query.UserView;
import dev.portico.query.support.OtherProcess;
import dev.portico.query.support.KeyStore;
import dev.portico.query.support.ServiceSettingsInitializer;
import dev.portico.query.support.SharedKafkaInitializer;
import dev.portico.query.support.UserHistory;
import dev.portico.stack.PostgresServer;
import dev.portico.testsupport.FreshDatabaseInitializer;
import dev.portico.testsupport.LifecycleConsumer;
import dev.portico.testsupport.TestDatabase;
import java.time.Duration;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The services may start in any order: this one starts before command-service has created the event store,
 * keeps trying, and projects and announces the first users once the store is there.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        useMainMethod = SpringBootTest.UseMainMethod.ALWAYS)
// An empty database: command-service has not created the event store yet.
@ContextConfiguration(initializers = {FreshDatabaseInitializer.class, ServiceSettingsInitializer.class,
        SharedKafkaInitializer.class})
@DirtiesContext
class StartupOrderTest {
    @Autowired
    QueryGateway queries;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSourceProperties database;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Value("${portico.query.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${portico.query.lifecycle-topic}")
    String topic;

    @Test
    void startsBeforeTheEventStoreExistsAndCatchesUpOnceItDoes() {
        assertThat(jdbc.sql("SELECT to_regclass('domain_event_entry') IS NOT NULL").query(Boolean.class).single())
                .as("the event store does not exist yet").isFalse();

        PostgresServer commandSide = new PostgresServer(database.determineUrl(), database.determineUsername(),
                database.determinePassword());
        TestDatabase.migrateEventStore(commandSide);
        KeyStore.createTable(commandSide);
        UserHistory first = new UserHistory(newApp());
        OtherProcess.eventStore(database, eventSerializer, true).appendEvents(first.register(now()));

        await().atMost(Duration.ofSeconds(90)).until(() -> queries.query(new FindUser(first.userId()),
                ResponseTypes.optionalInstanceOf(UserView.class)).join().isPresent());
        try (LifecycleConsumer consumer = new LifecycleConsumer(bootstrapServers, topic)) {
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().untilAsserted(() -> {
                consumer.poll();
                assertThat(consumer.typesOf(first.userId().value()))
                        .containsExactly(LifecycleMessages.USER_CREATED, LifecycleMessages.IDENTITY_LINKED);
            });
        }
    }
}
