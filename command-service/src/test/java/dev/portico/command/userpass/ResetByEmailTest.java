package dev.portico.command.userpass;

import static dev.portico.command.support.UserpassApps.MAIL;
import static dev.portico.command.userpass.UserpassAssertions.assertError;
import static dev.portico.command.userpass.UserpassAssertions.assertNoContent;
import static dev.portico.command.userpass.UserpassAssertions.mailsTo;
import static dev.portico.command.userpass.UserpassAssertions.onlyMailTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.claim.IdentityClaims;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.UserpassApps;
import dev.portico.command.support.UserpassClient;
import dev.portico.command.support.UserpassClient.Link;
import dev.portico.command.support.UserpassRows;
import dev.portico.stack.EmbeddedMail;
import dev.portico.testsupport.ClientApi;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Resetting a password by e-mail: a link through a real SMTP server that sets a new password once, within 30 minutes. */
@CommandServiceTest
class ResetByEmailTest {
    private static final String OLD = "old password 1";
    private static final String NEW = "new password 2";

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedMail mail;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityClaims claims;
    private UserpassClient userpass;
    private UserpassRows rows;

    @BeforeEach
    void connect() {
        userpass = new UserpassClient(new ClientApi(port));
        rows = new UserpassRows(jdbc, claims);
    }

    @Test
    void theResetLinkSetsANewPasswordOnce() {
        String email = confirmedAccount("rupert");

        assertNoContent(userpass.sendReset(MAIL, email.toUpperCase(java.util.Locale.ROOT)));

        EmbeddedMail.Mail reset = mailsTo(mail, email, 2).get(1);
        assertThat(reset.subject()).isEqualTo(UserpassSettings.DEFAULT_RESET_SUBJECT);
        Link link = Link.in(reset);
        assertThat(link.url()).as("the token goes into the page's query, before its fragment").isEqualTo(
                "https://mail-app.example.test/account?view=reset&token=" + link.token() + "&tokenId=" + link.tokenId()
                        + "#top");
        String hashBefore = rows.passwordHash(MAIL, email);

        assertNoContent(userpass.reset(MAIL, link, NEW));

        assertThat(rows.passwordHash(MAIL, email)).isNotEqualTo(hashBefore).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
        assertThat(userpass.logIn(MAIL, email, NEW).status()).isEqualTo(200);
        assertError(userpass.logIn(MAIL, email, OLD), 401, "InvalidPassword", "invalid username/password");
        String after = rows.snapshot(MAIL, email);
        assertError(userpass.reset(MAIL, link, "a third password"), 400, "UserpassTokenInvalid", "invalid token data");
        assertThat(rows.snapshot(MAIL, email)).isEqualTo(after);
    }

    @Test
    void aResetLinkOlderThanThirtyMinutesChangesNothing() {
        String email = confirmedAccount("sybil");
        userpass.sendReset(MAIL, email);
        Link link = Link.in(mailsTo(mail, email, 2).get(1));
        rows.expireLinks(MAIL, email);
        String before = rows.snapshot(MAIL, email);

        assertError(userpass.reset(MAIL, link, NEW), 400, "UserpassTokenInvalid", "invalid token data");

        assertThat(rows.snapshot(MAIL, email)).isEqualTo(before);
        assertThat(userpass.logIn(MAIL, email, OLD).status()).isEqualTo(200);
    }

    @Test
    void aConfirmationLinkIsNoResetLinkAndTheNewPasswordMustFit() {
        String email = "trudy." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, OLD);
        Link confirmation = Link.in(onlyMailTo(mail, email));
        userpass.sendReset(MAIL, email);
        Link reset = Link.in(mailsTo(mail, email, 2).get(1));
        String before = rows.snapshot(MAIL, email);

        assertError(userpass.reset(MAIL, confirmation, NEW), 400, "UserpassTokenInvalid", "invalid token data");
        assertError(userpass.reset(MAIL, reset, "short"), 400, "BadRequest", "password must be between 6 and 128 characters");
        assertError(userpass.confirm(MAIL, reset), 400, "UserpassTokenInvalid", "invalid token data");

        assertThat(rows.snapshot(MAIL, email)).isEqualTo(before);
        assertThat(rows.tokens(MAIL, email)).isEqualTo(2);
        assertNoContent(userpass.reset(MAIL, reset, NEW));
    }

    /** Opening a link sent to the address proves the mailbox is the registrant's: a reset also confirms. */
    @Test
    void resettingAnUnconfirmedAccountConfirmsIt() {
        String email = "uma." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, OLD);
        Link confirmation = Link.in(onlyMailTo(mail, email));
        userpass.sendReset(MAIL, email);
        Link reset = Link.in(mailsTo(mail, email, 2).get(1));

        assertNoContent(userpass.reset(MAIL, reset, NEW));

        assertThat(rows.pending(MAIL, email)).isFalse();
        assertThat(userpass.logIn(MAIL, email, NEW).status()).isEqualTo(200);
        assertError(userpass.confirm(MAIL, confirmation), 400, "UserpassTokenInvalid", "invalid token data");
    }

    @Test
    void anAppThatResetsByFunctionSendsNoResetMail() {
        assertError(userpass.sendReset(UserpassApps.AUTO, "anyone@example.test"), 400, "BadRequest",
                "please use reset password via function");
    }

    private String confirmedAccount(String name) {
        String email = name + "." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, OLD);
        assertNoContent(userpass.confirm(MAIL, Link.in(onlyMailTo(mail, email))));
        return email;
    }
}
