package dev.portico.command.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
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
        "portico.apps[1].providers[0]=anon-user"})
@ContextConfiguration(initializers = TestBackendsInitializer.class)
@Import(CommandServiceTest.TestProviders.class)
public @interface CommandServiceTest {
    /** The custom-function provider believes the subject it is sent (see {@link TrustedSubjectVerifier}). */
    @TestConfiguration(proxyBeanMethods = false)
    class TestProviders {
        @Bean
        TrustedSubjectVerifier trustedSubjectVerifier() {
            return new TrustedSubjectVerifier();
        }
    }
}
