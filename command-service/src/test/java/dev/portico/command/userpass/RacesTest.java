package dev.portico.command.userpass;

import static dev.portico.command.support.UserpassApps.AUTO;
import static dev.portico.command.support.UserpassApps.MAIL;
import static dev.portico.command.userpass.UserpassAssertions.onlyMailTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.claim.IdentityClaims;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.UserpassClient;
import dev.portico.command.support.UserpassClient.Link;
import dev.portico.command.support.UserpassRows;
import dev.portico.stack.EmbeddedMail;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.Races;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The provider's set rules hold when requests race: one registration per address, one use per link, one user per account. */
@CommandServiceTest
class RacesTest {
    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedMail mail;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityClaims claims;
    private UserpassClient userpass;

    @BeforeEach
    void connect() {
        userpass = new UserpassClient(new ClientApi(port));
    }

    /** Ten runs in a row, each a new race. */
    @RepeatedTest(10)
    void ofFiftyRegistrationsOfOneAddressAtOnceOneSucceeds() throws Exception {
        String email = "race." + UUID.randomUUID() + "@example.test";

        List<Response> answers = Races.inParallel(50, i -> () -> userpass.register(AUTO, i % 2 == 0 ? email : email.toUpperCase(java.util.Locale.ROOT), PASSWORD + i));

        assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.status() == 409)).hasSize(49)
                .allSatisfy(r -> assertThat(r.text("error_code")).isEqualTo("AccountNameInUse"));
        assertThat(new UserpassRows(jdbc, claims).credentials(AUTO, email)).isEqualTo(1);
    }

    @Test
    void ofTenConfirmationsWithOneLinkAtOnceOneSucceeds() throws Exception {
        String email = "once." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        Link link = Link.in(onlyMailTo(mail, email));

        List<Response> answers = Races.inParallel(10, i -> () -> userpass.confirm(MAIL, link));

        assertThat(answers.stream().filter(r -> r.status() == 204)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.status() == 400)).hasSize(9)
                .allSatisfy(r -> assertThat(r.text("error_code")).isEqualTo("UserpassTokenInvalid"));
    }

    @Test
    void twentyFirstLoginsOfOneAccountAtOnceMakeOneUser() throws Exception {
        String email = "crowd." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, email, PASSWORD);

        List<Response> logins = Races.inParallel(20, i -> () -> userpass.logInFrom("198.51.100.77", AUTO, email, PASSWORD));

        assertThat(logins).allSatisfy(login -> assertThat(login.status()).as(login.body()).isEqualTo(200));
        List<String> users = logins.stream().map(login -> login.text("user_id")).distinct().toList();
        assertThat(users).hasSize(1);
        assertThat(new StoredEvents(jdbc).typesOf(users.get(0))).filteredOn("IdentityLinked"::equals).hasSize(1);
    }

}
