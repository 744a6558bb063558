package dev.portico.query;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Builds read models of users from the event store that command-service writes, answers queries about them
 * and announces user lifecycle changes on Kafka.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QueryServiceApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * Both services can share one class path (the system tests run them in one JVM), so this one reads
     * {@code query-service.yml} rather than an {@code application.yml} that would clash with command-service's.
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(QueryServiceApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "query-service"));
        return application;
    }
}
