package dev.portico.command.userpass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.stack.EmbeddedMail;
import dev.portico.testsupport.ClientApi.Response;
import java.time.Duration;
import java.util.List;

/** Assertions the email/password tests share. */
final class UserpassAssertions {
    static final Duration MAIL_PATIENCE = Duration.ofSeconds(30);

    private UserpassAssertions() {
    }

    /** The error envelope, exactly. */
    static void assertError(Response response, int status, String code, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).hasValue("application/json");
        assertThat(response.json().toString())
                .isEqualTo("{\"error\":\"" + message.replace("\"", "\\\"") + "\",\"error_code\":\"" + code + "\"}");
    }

    /** A success without a body, as realm-web takes it: 204, no content type. */
    static void assertNoContent(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(204);
        assertThat(response.contentType()).isEmpty();
        assertThat(response.body()).isEmpty();
    }

    /** Waits for the first mail to the address; it must be the only one. */
    static EmbeddedMail.Mail onlyMailTo(EmbeddedMail mail, String address) {
        return mailsTo(mail, address, 1).get(0);
    }

    /** Waits until exactly {@code count} mails have reached the address, and returns them oldest first. */
    static List<EmbeddedMail.Mail> mailsTo(EmbeddedMail mail, String address, int count) {
        await("mail to " + address).atMost(MAIL_PATIENCE).until(() -> mail.receivedBy(address).size() >= count);
        List<EmbeddedMail.Mail> received = mail.receivedBy(address);
        assertThat(received).as("mails to %s", address).hasSize(count);
        return received;
    }
}
