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
        // A self-hosted identity service reports nothing to third parties unless its operator asks it to
        // (AXONIQ_UPDATE_CHECKER_DISABLED=false still wins over this).
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .properties("spring.config.name=command-service");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
