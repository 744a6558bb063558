package dev.portico.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.query.QueryServiceApplication;
import dev.portico.query.support.KeyStore;
import dev.portico.stack.PostgresServer;
import dev.portico.stack.TestBackends;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.HostileRequests;
import dev.portico.testsupport.TestDatabase;
import dev.portico.testsupport.TestTopics;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Malformed requests to every endpoint of the read API, generated: bogus tokens, ids and parameters of any
 * characters (NUL included), bodies where none belongs. Each is answered 4xx as a problem document, and the service
 * keeps answering. The budget is bounded so that it runs in every build.
 */
class HostileRequestProperties {
    private static final String TOKEN = "fuzz-service-token";
    private static final java.util.Set<String> FAIR_QUESTIONS = java.util.Set.of("app_id", "email", "name");
    private static ConfigurableApplicationContext service;
    private static ClientApi api;

    @BeforeContainer
    static void start() {
        PostgresServer database = TestDatabase.create();
        KeyStore.createTable(database);
        String topic = TestTopics.uniqueName("portico.user-lifecycle");
        service = QueryServiceApplication.application().run(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--portico.query.kafka.bootstrap-servers=" + TestBackends.kafkaBootstrapServers(),
                "--portico.query.lifecycle-topic=" + topic,
                "--portico.query.kafka.transactional-id=" + topic + ".relay",
                "--portico.query.service-token=" + TOKEN);
        api = new ClientApi(Integer.parseInt(service.getEnvironment().getProperty("local.server.port")));
    }

    @AfterContainer
    static void stop() {
        assertThat(api.get("/api/v1/users?app_id=any", TOKEN).status()).isEqualTo(200);
        service.close();
    }

    @Property(tries = 200)
    void malformedParametersAreRefusedAsProblems(@ForAll("garbage") String value, @ForAll("parameters") String name) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        String path = name.equals("id") ? "/api/v1/users/" + encoded : "/api/v1/users?" + name + "=" + encoded
                + (name.equals("app_id") ? "" : "&app_id=x");

        Response response = api.get(path, TOKEN);

        if (FAIR_QUESTIONS.contains(name) && response.status() == 200) {
            // any printable app id, e-mail address or name is a fair question
            assertThat(response.json().path("users").isArray()).isTrue();
            return;
        }
        assertRefusedAsAProblem(response);
    }

    @Property(tries = 100)
    void bogusTokensAreRefusedAsProblems(@ForAll("authorizations") String authorization,
            @ForAll("bodies") byte[] body) {
        Response response = api.send("GET", "/api/v1/users?app_id=x", Map.of("Authorization", authorization,
                "Content-Type", "application/json"), body);

        assertRefusedAsAProblem(response);
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(300),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5));
    }

    @Provide
    Arbitrary<String> parameters() {
        return Arbitraries.of("id", "app_id", "size", "cursor", "sort", "state", "provider_type", "email", "name",
                "created_from", "created_before");
    }

    @Provide
    Arbitrary<String> authorizations() {
        return HostileRequests.bogusAuthorizations();
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return HostileRequests.malformedBodies();
    }

    private static void assertRefusedAsAProblem(Response response) {
        assertThat(response.status()).as(response.raw().uri() + " " + response.body()).isBetween(400, 499);
        assertThat(response.contentType()).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        JsonNode body = response.json();
        assertThat(body.path("status").asInt()).isEqualTo(response.status());
        assertThat(body.path("detail").asText()).isNotBlank();
        assertThat(body.path("code").asText()).isNotBlank();
    }
}
