package dev.portico.command.userpass;

import static dev.portico.command.support.UserpassApps.AUTO;
import static dev.portico.command.support.UserpassApps.MAIL;
import static dev.portico.command.userpass.UserpassAssertions.assertNoContent;
import static dev.portico.command.userpass.UserpassAssertions.mailsTo;
import static dev.portico.command.userpass.UserpassAssertions.onlyMailTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.UserpassClient;
import dev.portico.command.support.UserpassClient.Link;
import dev.portico.stack.EmbeddedMail;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.Races;
import dev.portico.testsupport.ClientApi.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Password guessing over HTTP with the default limits (an account: 5 free failures, then 30 s doubling; a
 * client address: 50 free failures across accounts). Attempts arrive all at once and the budgets still hold;
 * the owner of a blocked account gets in at once by resetting the password.
 */
@CommandServiceTest
class BruteForceTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String TOO_MANY = "too many failed attempts; try again in \\d+ seconds";

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedMail mail;
    private UserpassClient userpass;

    @BeforeEach
    void connect() {
        userpass = new UserpassClient(new ClientApi(port));
    }

    @Test
    void ofFortyGuessesAtOnceAtOneAccountFiveAreCheckedAndTheOwnerEndsTheBlockByResetting() throws Exception {
        String email = "target." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        assertNoContent(userpass.confirm(MAIL, Link.in(onlyMailTo(mail, email))));

        List<Response> guesses = Races.inParallel(40, i -> () -> userpass.logInFrom("203.0.113.10", MAIL, email, "guess " + i));

        assertThat(guesses.stream().filter(r -> r.text("error").equals("invalid username/password"))).hasSize(5);
        List<Response> refused = guesses.stream().filter(r -> r.text("error").matches(TOO_MANY)).toList();
        assertThat(refused).hasSize(35).allSatisfy(BruteForceTest::assertThrottled);
        assertThat(guesses).allSatisfy(r -> assertThat(r.status()).isEqualTo(401));

        Response owner = userpass.logInFrom("198.51.100.200", MAIL, email, PASSWORD);
        assertThrottled(owner);

        userpass.sendReset(MAIL, email);
        assertNoContent(userpass.reset(MAIL, Link.in(mailsTo(mail, email, 2).get(1)), "a new password"));
        assertThat(userpass.logInFrom("198.51.100.200", MAIL, email, "a new password").status()).isEqualTo(200);
    }

    @Test
    void anAddressTryingManyAccountsIsSlowedAcrossThemWhileOtherAddressesAreNot() throws Exception {
        String email = "bystander." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, email, PASSWORD);

        List<Response> spray = Races.inParallel(60, i -> () -> userpass.logInFrom("203.0.113.20", AUTO,
                "victim" + i + "." + UUID.randomUUID() + "@example.test", "Summer2025!"));

        assertThat(spray.stream().filter(r -> r.text("error").equals("invalid username/password"))).hasSize(50);
        assertThat(spray.stream().filter(r -> r.text("error").matches(TOO_MANY))).hasSize(10)
                .allSatisfy(BruteForceTest::assertThrottled);
        assertThrottled(userpass.logInFrom("203.0.113.20", AUTO, email, PASSWORD));
        assertThat(userpass.logInFrom("203.0.113.21", AUTO, email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aThrottledLinkIsRefusedWithoutStartingRealmWebsRefresh() throws Exception {
        String email = "linker." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, email, PASSWORD);
        Races.inParallel(6, i -> () -> userpass.logInFrom("203.0.113.30", AUTO, email, "guess " + i));
        Response anonymous = new ClientApi(port).anonymousLogin(AUTO);

        Response link = userpass.link(AUTO, anonymous.text("access_token"), email, PASSWORD);

        assertThrottled(link);
        assertThat(link.text("error_code")).isNotEqualTo("InvalidSession");
        assertThat(link.text("error")).isNotEqualTo("unauthorized");
    }

    /** 401 InvalidPassword with the wait, in the message and in Retry-After, at most the first delay. */
    private static void assertThrottled(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.text("error_code")).isEqualTo("InvalidPassword");
        assertThat(response.text("error")).matches(TOO_MANY);
        int seconds = Integer.parseInt(response.text("error").replaceAll("\\D", ""));
        assertThat(seconds).isBetween(1, 30);
        assertThat(response.header("Retry-After")).isEqualTo(String.valueOf(seconds));
    }

}
