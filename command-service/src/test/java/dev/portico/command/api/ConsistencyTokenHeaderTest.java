package dev.portico.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.events.store.EventTables;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Responses that appended events name the position of the last one, for the read API's read-your-writes. */
@CommandServiceTest
class ConsistencyTokenHeaderTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    ClientApi api;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
    }

    @Test
    void aLoginAnswersWithThePositionOfItsLastEvent() {
        Response login = api.anonymousLogin("test-app");

        assertThat(login.status()).isEqualTo(200);
        long lastOfTheUser = jdbc.sql("SELECT max(global_index) FROM " + EventTables.EVENTS
                        + " WHERE aggregate_identifier = ? OR payload_type LIKE '%SessionIssued' AND"
                        + " convert_from(payload, 'UTF8') LIKE ?")
                .params(login.text("user_id"), "%" + login.text("user_id") + "%")
                .query(Long.class)
                .single();
        assertThat(login.header("X-Portico-Consistency")).isEqualTo(Long.toString(lastOfTheUser));
    }

    @Test
    void aReadAppendsNothingAndCarriesNoToken() {
        Response login = api.anonymousLogin("test-app");

        Response profile = api.get("/api/client/v2.0/auth/profile", login.text("access_token"));

        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.header("X-Portico-Consistency")).isNull();
    }
}
