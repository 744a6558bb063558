package dev.portico.query.publish;

import java.time.Clock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

@Configuration(proxyBeanMethods = false)
public class PublishConfiguration {

    @Bean
    public RelaySignal relaySignal() {
        return new RelaySignal();
    }

    /** Same database as the pool, but every connection a fresh session of its own. */
    @Bean
    public RelayLeadership relayLeadership(DataSourceProperties dataSource) {
        return new RelayLeadership(DataSourceBuilder.create()
                .type(SimpleDriverDataSource.class)
                .url(dataSource.determineUrl())
                .username(dataSource.determineUsername())
                .password(dataSource.determinePassword())
                .build());
    }

    @Bean
    public LifecycleProducer lifecycleProducer(PublishProperties properties) {
        return new LifecycleProducer(
                () -> new KafkaProducer<>(ProducerSettings.of(properties.kafka()), new StringSerializer(),
                        new StringSerializer()),
                properties.lifecycleTopic());
    }

    @Bean
    public OutboxRelay outboxRelay(OutboxStore outbox, RelayLeadership leadership, LifecycleProducer producer,
            RelaySignal signal, PublishProperties properties, MeterRegistry metrics) {
        return new OutboxRelay(outbox, leadership, producer, signal, properties.outbox(), Clock.systemUTC(),
                metrics);
    }
}
