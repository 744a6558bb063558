package dev.portico.query.support;

import dev.portico.testsupport.TestTopics;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives a Spring context its own lifecycle topic name and Kafka transactional id, the read API's credentials
 * (the service token of earlier versions and scoped clients) and the JWKS of {@link TestAccessTokens}. Two
 * contexts alive at once (Spring caches them) must not share a transactional id, or their relays would fence
 * each other. The database comes from {@link QueryDatabaseInitializer}.
 */
@Order(0)
public class ServiceSettingsInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    public static final String SERVICE_TOKEN = "test-service-token";
    /** Scope users:read only. */
    public static final String USERS_READER_TOKEN = "users-reader-token-0123456789abcdef";
    /** Scope history:read only (an auditor). */
    public static final String AUDITOR_TOKEN = "auditor-token-0123456789abcdefghijkl";
    /** Scope admin only (an operator); configured by its SHA-256 digest. */
    public static final String OPERATOR_TOKEN = "operator-token-0123456789abcdefghijk";
    /** Every scope: the console's operator. */
    public static final String CONSOLE_OPERATOR = "console-operator";
    public static final String CONSOLE_OPERATOR_TOKEN = "console-operator-token-0123456789abcdef";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String topic = TestTopics.uniqueName("portico.user-lifecycle");
        Map<String, Object> settings = new HashMap<>();
        settings.put("portico.query.service-token", SERVICE_TOKEN);
        settings.put("portico.query.clients[0].name", "users-reader");
        settings.put("portico.query.clients[0].token", USERS_READER_TOKEN);
        settings.put("portico.query.clients[0].scopes", "users:read");
        settings.put("portico.query.clients[1].name", "auditor");
        settings.put("portico.query.clients[1].token", AUDITOR_TOKEN);
        settings.put("portico.query.clients[1].scopes", "history:read");
        settings.put("portico.query.clients[2].name", "operator");
        settings.put("portico.query.clients[2].token", "sha256:" + sha256Hex(OPERATOR_TOKEN));
        settings.put("portico.query.clients[2].scopes", "admin");
        settings.put("portico.query.clients[3].name", CONSOLE_OPERATOR);
        settings.put("portico.query.clients[3].token", CONSOLE_OPERATOR_TOKEN);
        settings.put("portico.query.clients[3].scopes", "users:read,profiles:read,custom-data:read,sessions:read,"
                + "history:read,admin");
        // The limit itself is SignInRateLimitTest's; here every test signs in, all from one address.
        settings.put("portico.query.console.sign-in-attempts-per-minute", "10000");
        settings.put("portico.query.jwks-uri", TestAccessTokens.jwksUri());
        settings.put("portico.query.search-index-key", "test-search-index-key-0123456789abcdef");
        settings.put("portico.query.consistency-wait", "2s");
        settings.put("portico.query.lifecycle-topic", topic);
        settings.put("portico.query.kafka.transactional-id", topic + ".relay");
        // Spring Boot's tests switch metrics export off; the service serves /actuator/prometheus.
        settings.put("management.prometheus.metrics.export.enabled", "true");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("service-settings", settings));
    }

    static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
