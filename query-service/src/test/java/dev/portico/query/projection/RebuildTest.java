package dev.portico.query.projection;

import static dev.portico.query.support.UserHistory.anonymous;
import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.DeletionReason;
import dev.portico.events.user.UserType;
import dev.portico.query.support.Credentials;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import dev.portico.query.support.UserHistory.Identity;
import dev.portico.testsupport.ClientApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * An operator rebuilds the read models beside the live ones; the read API answers all along. A context (and so
 * a database) of its own: the comparison covers every row, and other tests alter stored events on purpose.
 */
@QueryServiceTest
@TestPropertySource(properties = "portico.test.database=rebuild")
class RebuildTest {
    private static final Logger log = LoggerFactory.getLogger(RebuildTest.class);
    private static final int USERS = 200;

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

    /**
     * Given users registered, logged in, linked and deleted, and the read model caught up; when an operator
     * rebuilds while the read API is being asked for a user; then every answer meanwhile is the user, the
     * tables are new ones with the same content as before, and the check found no difference.
     */
    @Test
    void aRebuildYieldsTheLiveContentInNewTablesWhileTheReadApiKeepsAnswering() throws Exception {
        AppId app = newApp();
        Instant at = now();
        List<UserHistory> users = new ArrayList<>();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            UserHistory user = new UserHistory(app);
            Identity identity = anonymous();
            events.addAll(user.register(UserType.NORMAL, identity, at.plusMillis(i)));
            events.add(user.login(identity, at.plusSeconds(1).plusMillis(i)));
            if (i % 3 == 0) {
                events.add(user.link(Identity.of(ProviderType.GOOGLE, "oauth2-google"), at.plusSeconds(2)));
            }
            if (i % 5 == 0) {
                events.add(user.delete(DeletionReason.USER_REQUEST, at.plusSeconds(3)));
            }
            users.add(user);
        }
        eventStore.publish(events);
        UserHistory watched = users.get(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> usersOf(app).size() == USERS - USERS / 5
                && jdbc.sql("SELECT count(*) FROM users u WHERE app_id = ? AND last_login_at IS NULL").param(app.value())
                        .query(Long.class).single() == 0
                && identitiesOf(app).size() == (USERS - USERS / 5) + countLinkedAndKept());
        List<Map<String, Object>> usersBefore = usersOf(app);
        List<Map<String, Object>> identitiesBefore = identitiesOf(app);
        long tableBefore = tableOid("users");

        ClientApi.Response started = api.post("/api/v1/admin/rebuild", Credentials.ADMIN, null);
        assertThat(started.status()).isEqualTo(202);
        assertThat(api.post("/api/v1/admin/rebuild", Credentials.ADMIN, null).json().get("code").asText())
                .as("a second rebuild while the first runs").isIn("RebuildRunning");

        List<Integer> answers = new ArrayList<>();
        JsonNode done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
            answers.add(api.get("/api/v1/users/" + watched.userId(), Credentials.USERS_READER).status());
            return api.get("/api/v1/admin/rebuild", Credentials.ADMIN).json();
        }, status -> !status.get("state").asText().equals("building") && !status.get("state").asText().equals("switching"));

        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
        assertThat(answers).isNotEmpty().containsOnly(200);
        assertThat(done.get("differences")).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"users\":0,\"user_identities\":0,\"user_sessions\":0,\"user_custom_data\":0,\"user_search_terms\":0}"));
        assertThat(done.get("events_applied").asLong()).isGreaterThanOrEqualTo(events.size());
        assertThat(tableOid("users")).as("the users table was replaced").isNotEqualTo(tableBefore);
        assertThat(usersOf(app)).isEqualTo(usersBefore);
        assertThat(identitiesOf(app)).isEqualTo(identitiesBefore);
        log.info("Rebuild rate: {} events/s ({} events)", done.get("events_per_second").asLong(),
                done.get("events_applied").asLong());

        // The processor resumed on the new tables: a new user arrives there.
        UserHistory later = new UserHistory(app);
        eventStore.publish(later.register(now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/users/" + later.userId(),
                Credentials.USERS_READER).status() == 200);
    }

    private static long countLinkedAndKept() {
        long count = 0;
        for (int i = 0; i < USERS; i++) {
            if (i % 3 == 0 && i % 5 != 0) {
                count++;
            }
        }
        return count;
    }

    private long tableOid(String table) {
        return jdbc.sql("SELECT ?::regclass::oid::bigint").param(table).query(Long.class).single();
    }

    private List<Map<String, Object>> usersOf(AppId app) {
        return jdbc.sql("SELECT * FROM users WHERE app_id = ? ORDER BY user_id").param(app.value()).query().listOfRows();
    }

    private List<Map<String, Object>> identitiesOf(AppId app) {
        return jdbc.sql("""
                        SELECT i.* FROM user_identities i JOIN users u USING (user_id)
                        WHERE u.app_id = ? ORDER BY i.user_id, i.identity_id""")
                .param(app.value()).query().listOfRows();
    }
}
