package dev.portico.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The client API: logins, sessions and the user lifecycle. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CommandServiceApplication {

    /** Its own configuration file name, so that both services can share a class path (tests, dev stack). */
    public static SpringApplicationBuilder application() {
        System.setProperty("disable-axoniq-console-message", "true");
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .properties("spring.config.name=command-service");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
