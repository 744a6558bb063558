package dev.portico.query.support;

import dev.portico.stack.TestBackends;
import dev.portico.testsupport.TestTopics;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;

/** Points a context at the test JVM's shared Kafka and creates the context's lifecycle topic there. */
@Order(1)
public class SharedKafkaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String servers = TestBackends.kafkaBootstrapServers();
        String topic = context.getEnvironment().getRequiredProperty("portico.query.lifecycle-topic");
        TestTopics.create(servers, topic);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("shared-kafka",
                Map.of("portico.query.kafka.bootstrap-servers", servers)));
    }
}
