package dev.portico.command.support;

import dev.portico.stack.PostgresServer;
import dev.portico.stack.TestBackends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points a test context at a new database and a new signing-key directory. */
public class TestBackendsInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        PostgresServer database = TestBackends.freshDatabase("command");
        try {
            TestPropertyValues.of(
                    "spring.datasource.url=" + database.jdbcUrl(),
                    "spring.datasource.username=" + database.username(),
                    "spring.datasource.password=" + database.password(),
                    "portico.tokens.keys-dir=" + Files.createTempDirectory("portico-keys"))
                    .applyTo(context.getEnvironment());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
