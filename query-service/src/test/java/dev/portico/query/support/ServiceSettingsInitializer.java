package dev.portico.query.support;

import dev.portico.testsupport.TestTopics;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives a Spring context its own lifecycle topic name and Kafka transactional id, and the service token the
 * service refuses to start without. Two contexts alive at once (Spring caches them) must not share a
 * transactional id, or their relays would fence each other. The database comes from
 * {@link dev.portico.testsupport.FreshDatabaseInitializer}.
 */
@Order(0)
public class ServiceSettingsInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    public static final String SERVICE_TOKEN = "test-service-token";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String topic = TestTopics.uniqueName("portico.user-lifecycle");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("service-settings", Map.of(
                "portico.query.service-token", SERVICE_TOKEN,
                "portico.query.lifecycle-topic", topic,
                "portico.query.kafka.transactional-id", topic + ".relay",
                // Spring Boot's tests switch metrics export off; the service serves /actuator/prometheus.
                "management.prometheus.metrics.export.enabled", "true")));
    }
}
