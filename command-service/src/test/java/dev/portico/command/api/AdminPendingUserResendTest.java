package dev.portico.command.api;

import static dev.portico.command.api.ApiKeysTest.assertError;
import static dev.portico.command.support.KeysAndTokensApps.OPERATOR_TOKEN;
import static dev.portico.command.support.UserpassApps.AUTO;
import static dev.portico.command.support.UserpassApps.FUNCTION;
import static dev.portico.command.support.UserpassApps.MAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.KeysAndTokensApps.WithKeysAndTokens;
import dev.portico.command.support.PendingUsersApi;
import dev.portico.command.support.UserpassApps;
import dev.portico.command.support.UserpassClient.Link;
import dev.portico.stack.EmbeddedMail;
import dev.portico.testsupport.ClientApi.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** An operator mails a waiting registration's confirmation link again, where the app confirms by e-mail. */
@CommandServiceTest
@WithKeysAndTokens
@ExtendWith(OutputCaptureExtension.class)
class AdminPendingUserResendTest extends PendingUsersFixture {
    @Test
    void aNewLinkGoesToTheRegisteredAddressAndOnlyItWorks(CapturedOutput output) {
        String email = "Hedy." + UUID.randomUUID() + "@Example.test";
        userpass.register(MAIL, email, PASSWORD);
        Link first = Link.in(mails(email, 1).get(0));
        JsonNode registration = pending.findMailed(MAIL, email);
        String id = registration.get("id").asText();
        Instant firstSent = Instant.parse(registration.get("last_email_sent_at").asText());

        Response resent = pending.resend(MAIL, id);

        assertThat(resent.status()).as(resent.body()).isEqualTo(204);
        EmbeddedMail.Mail second = mails(email, 2).get(1);
        assertThat(second.subject()).isEqualTo(UserpassApps.MAIL_CONFIRM_SUBJECT);
        Link link = Link.in(second);
        assertThat(link.tokenId()).isNotEqualTo(first.tokenId());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Instant.parse(pending.find(MAIL, email).get("last_email_sent_at").asText()).isAfter(firstSent));
        assertError(userpass.confirm(MAIL, first), 400, "UserpassTokenInvalid", "invalid token data");
        assertThat(userpass.confirm(MAIL, link).status()).isEqualTo(204);
        assertThat(userpass.logIn(MAIL, email, PASSWORD).status()).isEqualTo(200);
        assertThat(output.getOut()).contains("operator action: actor=operator:ops-team action=pending-user.resend app="
                + MAIL + " target=" + id + " request=");
    }

    @Test
    void onlyAppsThatConfirmByEmailResend() {
        String id = "65aa00000000000000000099";

        assertError(pending.resend(AUTO, id), 400, "BadRequest",
                "cannot send a confirmation e-mail: new accounts of this app are confirmed automatically");
        assertError(pending.resend(FUNCTION, id), 400, "BadRequest",
                "cannot send a confirmation e-mail: new accounts of this app are confirmed by a function");
    }

    @Test
    void aRegistrationWithoutItsAddressCannotBeMailed() {
        String email = "old." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        pending.findMailed(MAIL, email);
        jdbc.sql("UPDATE userpass_credentials SET sealed_address = NULL WHERE address_digest = ?")
                .param(rows.digest(MAIL, email)).update();
        String id = pending.find(MAIL, email).get("id").asText();
        String before = rows.snapshot(MAIL, email);

        assertError(pending.resend(MAIL, id), 400, "BadRequest",
                "cannot send a confirmation e-mail: the address of this registration is unavailable");
        assertThat(rows.snapshot(MAIL, email)).isEqualTo(before);
    }

    @Test
    void unknownOtherAppsAndConfirmedRegistrationsAreNotFound() {
        String email = "katherine." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        Link link = Link.in(mails(email, 1).get(0));
        String id = pending.find(MAIL, email).get("id").asText();

        assertError(pending.resend(MAIL, "65aa00000000000000000099"), 404, "UserNotFound", "pending user not found");
        assertError(pending.resend(MAIL, "x"), 400, "InvalidParameter", "id must be 24 lower-case hex digits");
        assertError(pending.resend(UserpassApps.DISABLED, id), 404, "AuthProviderNotFound",
                "authentication provider not found: 'local-userpass'");
        assertThat(userpass.confirm(MAIL, link).status()).isEqualTo(204);
        assertError(pending.resend(MAIL, id), 404, "UserNotFound", "pending user not found");
        assertThat(mail.receivedBy(email)).hasSize(1);
    }

    @Test
    void onlyAnOperatorResends() {
        String email = "joan." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        mails(email, 1);
        String id = pending.find(MAIL, email).get("id").asText();
        String user = "user." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, user, PASSWORD);
        Response login = userpass.logIn(AUTO, user, PASSWORD);
        String path = PendingUsersApi.path(MAIL, id) + "/resend";

        assertError(api.post(path, null, ""), 401, "MissingAuthReq", "must authenticate first");
        assertError(api.post(path, login.text("access_token"), ""), 401, "AuthError", "invalid operator token");
        assertError(api.post(path, login.text("refresh_token"), ""), 401, "AuthError", "invalid operator token");
        assertError(api.post(path, OPERATOR_TOKEN + "x", ""), 401, "AuthError", "invalid operator token");

        // A resend it would have queued goes out after any earlier one: a new registration's mail arriving
        // shows the queue has moved past the refused requests.
        String later = "later." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, later, PASSWORD);
        mails(later, 1);
        assertThat(mail.receivedBy(email)).hasSize(1);
    }

    private List<EmbeddedMail.Mail> mails(String email, int count) {
        await("mail to " + email).atMost(Duration.ofSeconds(30)).until(() -> mail.receivedBy(email).size() >= count);
        List<EmbeddedMail.Mail> received = mail.receivedBy(email);
        assertThat(received).hasSize(count);
        return received;
    }
}
