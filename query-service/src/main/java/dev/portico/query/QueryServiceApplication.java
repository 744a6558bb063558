package dev.portico.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
    public static SpringApplicationBuilder application() {
        System.setProperty("disable-axoniq-console-message", "true");
        // A self-hosted identity service reports nothing to third parties unless its operator asks it to
        // (AXONIQ_UPDATE_CHECKER_DISABLED=false still wins over this).
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        return new SpringApplicationBuilder(QueryServiceApplication.class)
                .properties("spring.config.name=query-service");
    }
}
