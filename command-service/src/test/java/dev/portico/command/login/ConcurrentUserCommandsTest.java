package dev.portico.command.login;

import static dev.portico.command.support.KeysAndTokensApps.AUDIENCE;
import static dev.portico.command.support.KeysAndTokensApps.KEYS_APP;
import static dev.portico.command.support.KeysAndTokensApps.OPERATOR_TOKEN;
import static dev.portico.command.support.KeysAndTokensApps.SIGNING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.Jwts;
import dev.portico.command.support.KeysAndTokensApps.WithKeysAndTokens;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.Races;
import dev.portico.testsupport.StoredEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every command on a user copes with others on the same user at once: each waits its turn on the user's
 * account or is tried again, so none fails with a 5xx, and afterwards the client views say what the event
 * store says.
 */
@CommandServiceTest
@WithKeysAndTokens
class ConcurrentUserCommandsTest {
    static final String LOGIN = "/api/client/v2.0/app/" + KEYS_APP + "/auth/providers/";
    static final String SESSION = "/api/client/v2.0/auth/session";
    static final String KEYS = "/api/client/v2.0/auth/api_keys";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ClientApi api;
    StoredEvents events;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
        events = new StoredEvents(jdbc);
    }

    /** A user with ten sessions, then forty commands on it at once: operators' and its own. */
    @RepeatedTest(3)
    void mixedCommandsOnOneUserAtOnceFailNoneAndLeaveTheViewsInStepWithTheEvents() {
        String subject = UUID.randomUUID().toString();
        List<Response> sessions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sessions.add(logIn(subject));
        }
        String user = sessions.get(0).text("user_id");
        String admin = "/api/admin/v1/apps/" + KEYS_APP + "/users/" + user;
        String linkToken = customToken(UUID.randomUUID().toString());

        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(() -> api.post(admin + "/disable", OPERATOR_TOKEN, ""));
            calls.add(() -> api.post(admin + "/enable", OPERATOR_TOKEN, ""));
            calls.add(() -> api.delete(admin + "/sessions", OPERATOR_TOKEN));
        }
        for (int i = 0; i < 4; i++) {
            calls.add(() -> tryLogIn(subject));
        }
        for (int i = 0; i < 6; i++) {
            Response session = sessions.get(i);
            calls.add(() -> api.delete(SESSION, session.text("refresh_token")));
        }
        for (int i = 6; i < 10; i++) {
            Response session = sessions.get(i);
            String name = "key-" + i;
            calls.add(() -> api.post(KEYS, session.text("refresh_token"), "{\"name\":\"" + name + "\"}"));
            calls.add(() -> api.post(LOGIN + "custom-token/login?link=true", session.text("access_token"),
                    "{\"token\":\"" + linkToken + "\"}"));
        }

        List<Response> answers = Races.inParallel(calls);

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isLessThan(500));
        // The operators' commands wait their turn: none is refused.
        assertThat(answers.subList(0, 12)).allSatisfy(answer -> assertThat(answer.status()).as(answer.body())
                .isEqualTo(200));
        assertThat(answers.subList(16, 22).stream().filter(answer -> answer.status() == 204).count())
                .isEqualTo(revocations(user, "LOGGED_OUT"));
        assertViewsAgreeWithEvents(user);
        assertThat(events.typesOf(user)).filteredOn("IdentityLinked"::equals).hasSizeLessThanOrEqualTo(2);
    }

    /** Deleting while others disable, enable, revoke and log out: one deletion, nothing after it. */
    @RepeatedTest(3)
    void aDeletionRacingOtherCommandsIsTheLastWord() {
        String subject = UUID.randomUUID().toString();
        List<Response> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sessions.add(logIn(subject));
        }
        String user = sessions.get(0).text("user_id");
        String admin = "/api/admin/v1/apps/" + KEYS_APP + "/users/" + user;

        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(() -> api.delete(admin, OPERATOR_TOKEN));
            calls.add(() -> api.post(admin + "/disable", OPERATOR_TOKEN, ""));
            calls.add(() -> api.post(admin + "/enable", OPERATOR_TOKEN, ""));
            calls.add(() -> api.delete(admin + "/sessions", OPERATOR_TOKEN));
        }
        calls.add(() -> api.delete("/api/client/v2.0/auth/delete", sessions.get(0).text("access_token")));
        for (Response session : sessions.subList(1, 4)) {
            calls.add(() -> api.delete(SESSION, session.text("refresh_token")));
        }

        List<Response> answers = Races.inParallel(calls);

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isLessThan(500));
        List<String> history = events.typesOf(user);
        assertThat(history).filteredOn("UserDeleted"::equals).hasSize(1);
        assertThat(history).last().isEqualTo("UserDeleted");
        assertThat(answers).filteredOn(answer -> answer.status() == 404)
                .allSatisfy(answer -> assertThat(answer.text("error_code")).isEqualTo("UserNotFound"));
        assertThat(count("SELECT count(*) FROM accounts WHERE user_id = ?", user)).isZero();
        assertThat(count("SELECT count(*) FROM sessions WHERE user_id = ?", user)).isZero();
    }

    private void assertViewsAgreeWithEvents(String user) {
        List<String> switches = jdbc.sql("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " AND payload_type SIMILAR TO '%.User(Disabled|Enabled)' ORDER BY sequence_number")
                .param(user).query(String.class).list();
        boolean disabled = !switches.isEmpty() && switches.get(switches.size() - 1).endsWith("UserDisabled");
        assertThat(jdbc.sql("SELECT disabled FROM accounts WHERE user_id = ?").param(user).query(Boolean.class)
                .single()).isEqualTo(disabled);

        long issued = events.typesOf(user).stream().filter("SessionIssued"::equals).count();
        long revoked = events.typesOf(user).stream().filter("SessionRevoked"::equals).count();
        assertThat(count("SELECT count(*) FROM sessions WHERE user_id = ? AND NOT ended_by_disabling", user))
                .isEqualTo(issued - revoked);
        if (disabled) {
            assertThat(issued - revoked).isZero();
        }
        long keysCreated = events.typesOf(user).stream().filter("ApiKeyCreated"::equals).count();
        assertThat(count("SELECT count(*) FROM api_keys WHERE user_id = ?", user)).isEqualTo(keysCreated);
        long linked = events.typesOf(user).stream().filter("IdentityLinked"::equals).count();
        assertThat(count("SELECT count(*) FROM account_identities WHERE user_id = ?", user)).isEqualTo(linked);
    }

    private long revocations(String user, String reason) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.SessionRevoked'"
                        + " AND convert_from(payload, 'UTF8')::jsonb ->> 'userId' = ?"
                        + " AND convert_from(payload, 'UTF8')::jsonb ->> 'reason' = ?")
                .params(user, reason).query(Long.class).single();
    }

    private Response logIn(String subject) {
        Response login = tryLogIn(subject);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login;
    }

    private Response tryLogIn(String subject) {
        return api.post(LOGIN + "custom-function/login", null, "{\"subject\":\"" + subject + "\"}");
    }

    private static String customToken(String subject) {
        return Jwts.hs256(SIGNING_KEY, Jwts.claims(subject, AUDIENCE).claim("email", "linked@example.test").build());
    }

    private long count(String sql, String user) {
        return jdbc.sql(sql).param(user).query(Long.class).single();
    }
}
