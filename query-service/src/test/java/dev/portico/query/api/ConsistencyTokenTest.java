package dev.portico.query.api;

import static dev.portico.query.support.ProblemAssertions.assertProblem;
import static dev.portico.query.support.ServiceSettingsInitializer.SERVICE_TOKEN;
import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.events.store.EventTables;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import dev.portico.testsupport.ClientApi;
import java.time.Instant;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Read-your-writes: a read carrying the position of the last event a write appended answers with that write
 * in it, at once, without the caller polling; a position the read models do not reach in time is a 503.
 */
@QueryServiceTest
class ConsistencyTokenTest {
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
    void aReadWithTheTokenOfAWriteSeesThatWrite() {
        UserHistory user = new UserHistory(newApp());
        Instant at = now();
        eventStore.publish(user.register(at));
        assertThat(readWithToken(user, positionOfLastEventOf(user), true).json().get("state").asText())
                .isEqualTo("active");

        // Each write is read back at once; without waiting some of these would still see the state before.
        for (int i = 1; i <= 10; i++) {
            boolean disable = i % 2 == 1;
            eventStore.publish(disable ? user.disable(at.plusSeconds(i)) : user.enable(at.plusSeconds(i)));
            ClientApi.Response response = readWithToken(user, positionOfLastEventOf(user), i % 3 == 0);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("state").asText()).isEqualTo(disable ? "disabled" : "active");
        }
    }

    @Test
    void aPositionNotReachedInTimeIsAServiceUnavailableWithRetryAfter() {
        long beyond = jdbc.sql("SELECT coalesce(max(global_index), 0) FROM " + EventTables.EVENTS)
                .query(Long.class).single() + 1_000_000;

        ClientApi.Response response = api.getWithHeaders("/api/v1/users?app_id=" + newApp(), Map.of(
                "Authorization", "Bearer " + SERVICE_TOKEN, "X-Portico-Consistency", Long.toString(beyond)));

        assertProblem(response, 503, "ConsistencyTimeout");
        assertThat(response.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void aMalformedTokenIsAnInvalidParameter() {
        for (String token : new String[] {"abc", "-1", "1.5", "99999999999999999999", ""}) {
            assertProblem(api.getWithHeaders("/api/v1/users", Map.of("Authorization", "Bearer " + SERVICE_TOKEN,
                    "X-Portico-Consistency", token)), 400, "InvalidParameter");
        }
    }

    private ClientApi.Response readWithToken(UserHistory user, long position, boolean asParameter) {
        String path = "/api/v1/users/" + user.userId();
        return asParameter ? api.get(path + "?consistency=" + position, SERVICE_TOKEN)
                : api.getWithHeaders(path, Map.of("Authorization", "Bearer " + SERVICE_TOKEN,
                        "X-Portico-Consistency", Long.toString(position)));
    }

    private long positionOfLastEventOf(UserHistory user) {
        return jdbc.sql("SELECT max(global_index) FROM " + EventTables.EVENTS + " WHERE aggregate_identifier = ?")
                .param(user.userId().value())
                .query(Long.class)
                .single();
    }
}
