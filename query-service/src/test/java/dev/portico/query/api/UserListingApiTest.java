package dev.portico.query.api;

import static dev.portico.query.support.ProblemAssertions.assertProblem;
import static dev.portico.query.support.ServiceSettingsInitializer.SERVICE_TOKEN;
import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import dev.portico.query.support.KeyStore;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import dev.portico.query.support.UserHistory.Identity;
import dev.portico.testsupport.ClientApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The user listing: filters, sort, and a cursor that users added meanwhile never disturb. */
@QueryServiceTest
class UserListingApiTest {
    private static final Duration PROJECTED = Duration.ofSeconds(15);

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcClient jdbc;

    private ClientApi api;

    @BeforeEach
    void setUp() {
        api = new ClientApi(port);
    }

    @Test
    void filtersByProviderStateEmailNameAndCreationTime() {
        AppId app = newApp();
        Instant t = now();
        // Unique addresses: other tests share the database, and one filter below spans all apps.
        String unique = java.util.UUID.randomUUID().toString().substring(0, 8);
        UserHistory ada = registered(app, ProviderType.EMAIL_PASSWORD, "Ada-" + unique + "@Example.com",
                "{\"name\":\"Ada Lovelace\",\"first_name\":\"Ada\"}", t);
        UserHistory grace = registered(app, ProviderType.GOOGLE, "g-123",
                "{\"email\":\"grace-" + unique + "@example.com\",\"name\":\"Grace Hopper\"}", t.plusSeconds(10));
        UserHistory anon = new UserHistory(app);
        eventStore.publish(anon.register(t.plusSeconds(20)));
        UserHistory elsewhere = registered(newApp(), ProviderType.EMAIL_PASSWORD, "ada-" + unique + "@example.com", "{}", t);
        eventStore.publish(grace.disable(t.plusSeconds(30)));
        await().atMost(PROJECTED).until(() -> ids("app_id=" + app + "&state=disabled").size() == 1
                && ids("app_id=" + app).size() == 3);

        assertThat(ids("app_id=" + app)).containsExactly(ada.userId().value(), grace.userId().value(),
                anon.userId().value());
        assertThat(ids("app_id=" + app + "&sort=created_desc")).containsExactly(anon.userId().value(),
                grace.userId().value(), ada.userId().value());
        assertThat(ids("app_id=" + app + "&provider_type=oauth2-google")).containsExactly(grace.userId().value());
        assertThat(ids("app_id=" + app + "&state=disabled")).containsExactly(grace.userId().value());
        assertThat(ids("app_id=" + app + "&state=active")).containsExactly(ada.userId().value(),
                anon.userId().value());
        assertThat(ids("app_id=" + app + "&email=" + encode("  ADA-" + unique + "@example.COM "))).containsExactly(
                ada.userId().value());
        assertThat(ids("email=" + encode("ada-" + unique + "@example.com"))).containsExactlyInAnyOrder(ada.userId().value(),
                elsewhere.userId().value());
        assertThat(ids("app_id=" + app + "&email=grace-" + unique + "@example.com")).containsExactly(grace.userId().value());
        assertThat(ids("app_id=" + app + "&email=nobody@example.com")).isEmpty();
        assertThat(ids("app_id=" + app + "&name=" + encode("grace hopper"))).containsExactly(grace.userId().value());
        assertThat(ids("app_id=" + app + "&name=Ada")).containsExactly(ada.userId().value());
        assertThat(ids("app_id=" + app + "&created_from=" + t.plusSeconds(10) + "&created_before="
                + t.plusSeconds(20))).containsExactly(grace.userId().value());
    }

    @Test
    void theCursorWalksEveryUserOnceWhileOthersAreAdded() {
        AppId app = newApp();
        Instant t = now();
        List<UserHistory> original = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UserHistory user = new UserHistory(app);
            eventStore.publish(user.register(t.plusSeconds(10L * i)));
            original.add(user);
        }
        await().atMost(PROJECTED).until(() -> ids("app_id=" + app + "&size=200").size() == 5);

        List<String> seen = new ArrayList<>();
        JsonNode page = page("app_id=" + app + "&size=2");
        page.get("users").forEach(u -> seen.add(u.get("id").asText()));
        // Meanwhile: one user before the page just read, one inside the rest, one after everything.
        UserHistory before = new UserHistory(app);
        UserHistory between = new UserHistory(app);
        UserHistory after = new UserHistory(app);
        eventStore.publish(before.register(t.minusSeconds(10)));
        eventStore.publish(between.register(t.plusSeconds(25)));
        eventStore.publish(after.register(t.plusSeconds(100)));
        await().atMost(PROJECTED).until(() -> ids("app_id=" + app + "&size=200").size() == 8);
        while (!page.get("next_cursor").isNull()) {
            page = page("app_id=" + app + "&size=2&cursor=" + page.get("next_cursor").asText());
            page.get("users").forEach(u -> seen.add(u.get("id").asText()));
        }

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsSubsequence(original.stream().map(u -> u.userId().value()).toList());
        assertThat(seen).contains(between.userId().value(), after.userId().value())
                .doesNotContain(before.userId().value());
        assertThat(seen).hasSize(7);
    }

    @Test
    void theCursorWalksBackwardsInDescendingOrder() {
        AppId app = newApp();
        Instant t = now();
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UserHistory user = new UserHistory(app);
            eventStore.publish(user.register(t.plusSeconds(i)));
            newestFirst.add(0, user.userId().value());
        }
        await().atMost(PROJECTED).until(() -> ids("app_id=" + app).size() == 3);

        JsonNode first = page("app_id=" + app + "&sort=created_desc&size=2");
        JsonNode second = page("app_id=" + app + "&sort=created_desc&size=2&cursor=" + first.get("next_cursor").asText());

        assertThat(idsOf(first)).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(idsOf(second)).containsExactly(newestFirst.get(2));
        assertThat(second.get("next_cursor").isNull()).isTrue();
        assertProblem(api.get("/api/v1/users?app_id=" + app + "&cursor=" + first.get("next_cursor").asText(),
                SERVICE_TOKEN), 400, "InvalidParameter");
    }

    @Test
    void badListingParametersAreInvalidParameters() {
        for (String query : new String[] {"size=0", "size=-5", "size=1.5", "size=x", "app_id=", "provider_type=nope",
                "state=gone", "email=", "email=" + "a".repeat(321), "name=%01", "created_from=yesterday",
                "created_before=2026-13-01T00:00:00Z", "sort=name", "cursor=garbage", "cursor=" + "A".repeat(200),
                "consistency=abc", "consistency=-1"}) {
            assertProblem(api.get("/api/v1/users?" + query, SERVICE_TOKEN), 400, "InvalidParameter");
        }
    }

    @Test
    void aLargeSizeIsLoweredToTheMaximum() {
        assertThat(ListingParameters.size("1000")).isEqualTo(200);
        assertThat(ListingParameters.size(null)).isEqualTo(50);
        assertThat(api.get("/api/v1/users?size=1000&app_id=" + newApp(), SERVICE_TOKEN).status()).isEqualTo(200);
    }

    private UserHistory registered(AppId app, ProviderType type, String subject, String profile, Instant at) {
        UserHistory user = new UserHistory(app);
        KeyStore.UserKey key = KeyStore.newKey(jdbc, user.userId());
        eventStore.publish(user.register(Identity.of(type, type.wireName()), key.sealText(subject),
                key.sealJson(profile), at));
        return user;
    }

    private JsonNode page(String query) {
        ClientApi.Response response = api.get("/api/v1/users?" + query, SERVICE_TOKEN);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private List<String> ids(String query) {
        return idsOf(page(query));
    }

    private static List<String> idsOf(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("users").forEach(u -> ids.add(u.get("id").asText()));
        return ids;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
