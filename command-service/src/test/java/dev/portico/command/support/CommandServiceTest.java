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
 * PostgreSQL server. Test classes with this annotation share one running service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=command-service",
        "portico.apps[0].client-app-id=test-app",
        "portico.apps[0].providers[0]=anon-user",
        "portico.apps[0].providers[1]=custom-function",
        "portico.apps[1].client-app-id=other-app",
        "portico.apps[1].providers[0]=anon-user",
        // Tests stand for clients at many addresses by sending X-Forwarded-For from the loopback, the way a
        // proxy in front of the service does.
        "server.forward-headers-strategy=native",
        // The test mail server names each recipient it sees.
        "logging.level.com.icegreen=WARN"})
@ContextConfiguration(initializers = {FreshDatabaseInitializer.class, CommandServiceTest.KeysDirectory.class,
        TestMail.class})
@Import(CommandServiceTest.TestProviders.class)
public @interface CommandServiceTest {
    /**
     * The custom-function provider believes the subject it is sent (see {@link TrustedSubjectVerifier}); the
     * apps of {@link UserpassApps} offer email/password logins; app functions are scripted by each test.
     */
    @TestConfiguration(proxyBeanMethods = false)
    class TestProviders {
        @Bean
        TrustedSubjectVerifier trustedSubjectVerifier() {
            return new TrustedSubjectVerifier();
        }

        @Bean
        UserpassApps userpassApps() {
            return new UserpassApps();
        }

        @Bean
        @Primary
        ScriptedFunctions scriptedFunctions() {
            return new ScriptedFunctions();
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
