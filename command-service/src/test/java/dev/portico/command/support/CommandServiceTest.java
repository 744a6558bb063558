package dev.portico.command.support;

import dev.portico.testsupport.FreshDatabaseInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;

/**
 * The command service running for real on a random port, against its own fresh database on a real
 * PostgreSQL server, with the apps of {@link TestApps} and the identity providers and function endpoints of
 * {@link StandIns}. Test classes with this annotation share one running service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=command-service",
        // Tests log many users in from one address; RateLimitTest turns the limits on.
        "portico.rate-limits.per-address=0",
        // Tests stand for clients at many addresses by sending X-Forwarded-For from the loopback, the way a
        // proxy in front of the service does.
        "server.forward-headers-strategy=native",
        // The test mail server names each recipient it sees.
        "logging.level.com.icegreen=WARN",
        // Spring Boot's tests switch metrics export off; the service serves /actuator/prometheus.
        "management.prometheus.metrics.export.enabled=true",
        // The internal service of the service API's tests (ServiceApi.SERVICE_TOKEN), by hash.
        "portico.services[0].name=profile-service",
        "portico.services[0].token=sha256:5e1b1a9f1c7c821ca9c32bc904aca95fac02dc4f8e3c5a1a82035d6649dcc5b4"})
@ContextConfiguration(initializers = {FreshDatabaseInitializer.class, CommandServiceTest.KeysDirectory.class,
        StandIns.Settings.class, TestMail.class})
@Import(CommandServiceTest.Apps.class)
public @interface CommandServiceTest {
    /**
     * The apps of the tests ({@link TestApps}, {@link UserpassApps}), next to those of the service's own
     * settings; app functions run at the stand-in endpoints unless a test scripts them.
     */
    @TestConfiguration(proxyBeanMethods = false)
    class Apps {
        @Bean
        TestApps testApps() {
            return new TestApps();
        }

        @Bean
        UserpassApps userpassApps() {
            return new UserpassApps();
        }

        @Bean
        @Primary
        ScriptedFunctions scriptedFunctions(dev.portico.command.function.HttpAppFunctions endpoints) {
            return new ScriptedFunctions(endpoints);
        }
    }

    /** A new signing-key directory per context, so that tests never write keys into the working tree. */
    class KeysDirectory implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                TestPropertyValues.of("portico.tokens.keys-dir=" + Files.createTempDirectory("portico-keys"))
                        .applyTo(context.getEnvironment());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
