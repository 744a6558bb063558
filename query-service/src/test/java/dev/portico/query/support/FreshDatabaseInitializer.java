package dev.portico.query.support;

import dev.portico.stack.PostgresServer;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives a Spring context its own database, lifecycle topic name and Kafka transactional id. Two contexts
 * alive at once (Spring caches them) must not share a transactional id, or their relays would fence each other.
 */
@Order(0)
public class FreshDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    public static final String SERVICE_TOKEN = "test-service-token";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        PostgresServer database = database();
        String topic = TestTopics.uniqueName("portico.user-lifecycle");
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("portico.query.service-token", SERVICE_TOKEN);
        properties.put("portico.query.lifecycle-topic", topic);
        properties.put("portico.query.kafka.transactional-id", topic + ".relay");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("fresh-database", properties));
    }

    protected PostgresServer database() {
        return TestDatabase.create();
    }
}
