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

/** An operator deletes a waiting registration: its links stop working and the address may register again. */
@CommandServiceTest
@WithKeysAndTokens
@ExtendWith(OutputCaptureExtension.class)
class AdminPendingUserDeleteTest extends PendingUsersFixture {
    @Test
    void aDeletedRegistrationFreesItsAddress(CapturedOutput output) {
        String email = "barbara." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        Link link = Link.in(mailTo(email));
        String id = pending.find(MAIL, email).get("id").asText();

        Response deleted = pending.delete(MAIL, id);

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(rows.credentials(MAIL, email)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM userpass_tokens WHERE credential_id = ?").param(id)
                .query(Long.class).single()).isZero();
        assertError(userpass.confirm(MAIL, link), 400, "UserpassTokenInvalid", "invalid token data");
        assertError(userpass.logIn(MAIL, email, PASSWORD), 401, "InvalidPassword", "invalid username/password");
        assertThat(output.getOut()).contains("operator action: actor=operator:ops-team action=pending-user.delete app="
                + MAIL + " target=" + id + " request=");

        assertThat(userpass.register(MAIL, email, "another password").status()).isEqualTo(201);
        assertThat(pending.find(MAIL, email).get("id").asText()).isNotEqualTo(id);
        assertError(pending.delete(MAIL, id), 404, "UserNotFound", "pending user not found");
    }

    @Test
    void onlyAWaitingRegistrationOfTheAppIsDeleted() {
        String email = "radia." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        String id = pending.findMailed(MAIL, email).get("id").asText();
        String automatic = "auto." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, automatic, PASSWORD);
        String confirmedId = jdbc.sql("SELECT credential_id FROM userpass_credentials WHERE address_digest = ?")
                .param(rows.digest(AUTO, automatic)).query(String.class).single();
        String before = rows.snapshot(MAIL, email);

        assertError(pending.delete(FUNCTION, id), 404, "UserNotFound", "pending user not found");
        assertError(pending.delete(MAIL, "65aa00000000000000000099"), 404, "UserNotFound", "pending user not found");
        assertError(pending.delete(AUTO, confirmedId), 404, "UserNotFound", "pending user not found");
        assertError(pending.delete(MAIL, "65aa0000000000000000009"), 400, "InvalidParameter",
                "id must be 24 lower-case hex digits");

        assertThat(rows.snapshot(MAIL, email)).isEqualTo(before);
        assertThat(rows.credentials(AUTO, automatic)).isEqualTo(1);
        assertThat(userpass.logIn(AUTO, automatic, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void onlyAnOperatorDeletes() {
        String email = "frances." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        String id = pending.find(MAIL, email).get("id").asText();
        String user = "user." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, user, PASSWORD);
        Response login = userpass.logIn(AUTO, user, PASSWORD);
        String path = PendingUsersApi.path(MAIL, id);

        assertError(api.delete(path, null), 401, "MissingAuthReq", "must authenticate first");
        assertError(api.delete(path, login.text("access_token")), 401, "AuthError", "invalid operator token");
        assertError(api.delete(path, login.text("refresh_token")), 401, "AuthError", "invalid operator token");
        assertError(api.delete(path, OPERATOR_TOKEN + "x"), 401, "AuthError", "invalid operator token");

        assertThat(rows.credentials(MAIL, email)).isEqualTo(1);
    }

    private EmbeddedMail.Mail mailTo(String email) {
        await("mail to " + email).atMost(Duration.ofSeconds(30)).until(() -> mail.receivedBy(email).size() >= 1);
        return mail.receivedBy(email).get(0);
    }
}
