package dev.portico.command.api;

import static dev.portico.command.api.ApiKeysTest.assertError;
import static dev.portico.command.support.KeysAndTokensApps.OPERATOR_TOKEN;
import static dev.portico.command.support.UserpassApps.AUTO;
import static dev.portico.command.support.UserpassApps.FUNCTION;
import static dev.portico.command.support.UserpassApps.MAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.KeysAndTokensApps.WithKeysAndTokens;
import dev.portico.command.support.PendingUsersApi;
import dev.portico.command.support.UserpassClient.Link;
import dev.portico.stack.EmbeddedMail;
import dev.portico.testsupport.ClientApi.Response;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** An operator confirms a waiting registration as its link would; the address then logs in as usual. */
@CommandServiceTest
@WithKeysAndTokens
@ExtendWith(OutputCaptureExtension.class)
class AdminPendingUserConfirmTest extends PendingUsersFixture {
    @Test
    void aConfirmedRegistrationLogsInItsLinkIsSpentAndTheOperatorIsRecorded(CapturedOutput output) {
        String email = "grace." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        Link link = Link.in(mails(email, 1));
        String id = pending.find(MAIL, email).get("id").asText();
        assertError(userpass.logIn(MAIL, email, PASSWORD), 401, "AuthError", "confirmation required");
        long eventsBefore = events.count();

        Response confirmed = pending.confirm(MAIL, id);

        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(204);
        assertThat(confirmed.body()).isEmpty();
        assertThat(events.count()).as("a registration is no user yet").isEqualTo(eventsBefore);
        assertThat(pending.list(MAIL, "email=" + email).json().get("items")).isEmpty();
        assertThat(rows.pending(MAIL, email)).isFalse();
        assertError(userpass.confirm(MAIL, link), 400, "UserpassTokenInvalid", "invalid token data");
        Response login = userpass.logIn(MAIL, email, PASSWORD);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(events.typesOf(login.text("user_id"))).containsExactly("UserRegistered", "IdentityLinked",
                "SessionIssued");
        assertThat(output.getOut()).contains("operator action: actor=operator:ops-team action=pending-user.confirm app="
                + MAIL + " target=" + id + " request=");
        assertThat(output.getAll()).doesNotContain(email);
    }

    @Test
    void onlyAWaitingRegistrationOfTheAppIsConfirmed() {
        String email = "margaret." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        String id = pending.findMailed(MAIL, email).get("id").asText();
        String before = rows.snapshot(MAIL, email);

        assertError(pending.confirm(FUNCTION, id), 404, "UserNotFound", "pending user not found");
        assertError(pending.confirm(MAIL, "65aa00000000000000000099"), 404, "UserNotFound", "pending user not found");
        assertError(pending.confirm(MAIL, "not-an-id"), 400, "InvalidParameter", "id must be 24 lower-case hex digits");
        assertError(pending.confirm(MAIL, id.toUpperCase(java.util.Locale.ROOT)), 400, "InvalidParameter",
                "id must be 24 lower-case hex digits");
        assertThat(rows.snapshot(MAIL, email)).isEqualTo(before);

        assertThat(pending.confirm(MAIL, id).status()).isEqualTo(204);
        assertError(pending.confirm(MAIL, id), 404, "UserNotFound", "pending user not found");

        String automatic = "auto." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, automatic, PASSWORD);
        String confirmedId = jdbc.sql("SELECT credential_id FROM userpass_credentials WHERE address_digest = ?")
                .param(rows.digest(AUTO, automatic)).query(String.class).single();
        assertError(pending.confirm(AUTO, confirmedId), 404, "UserNotFound", "pending user not found");
    }

    @Test
    void onlyAnOperatorConfirms() {
        String email = "ida." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        String id = pending.find(MAIL, email).get("id").asText();
        String user = "user." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, user, PASSWORD);
        Response login = userpass.logIn(AUTO, user, PASSWORD);
        String path = PendingUsersApi.path(MAIL, id) + "/confirm";

        assertError(api.post(path, null, ""), 401, "MissingAuthReq", "must authenticate first");
        assertError(api.post(path, login.text("access_token"), ""), 401, "AuthError", "invalid operator token");
        assertError(api.post(path, login.text("refresh_token"), ""), 401, "AuthError", "invalid operator token");
        assertError(api.post(path, OPERATOR_TOKEN + "x", ""), 401, "AuthError", "invalid operator token");

        assertThat(rows.pending(MAIL, email)).isTrue();
    }

    private EmbeddedMail.Mail mails(String email, int count) {
        await("mail to " + email).atMost(Duration.ofSeconds(30)).until(() -> mail.receivedBy(email).size() >= count);
        assertThat(mail.receivedBy(email)).hasSize(count);
        return mail.receivedBy(email).get(count - 1);
    }
}
