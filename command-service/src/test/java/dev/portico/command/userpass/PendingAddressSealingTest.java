package dev.portico.command.userpass;

import static dev.portico.command.support.UserpassApps.MAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.command.claim.IdentityClaims;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.KeysAndTokensApps.WithKeysAndTokens;
import dev.portico.command.support.PendingUsersApi;
import dev.portico.command.support.UserpassClient;
import dev.portico.command.support.UserpassClient.Link;
import dev.portico.command.support.UserpassRows;
import dev.portico.stack.EmbeddedMail;
import dev.portico.events.AppId;
import dev.portico.testsupport.ClientApi;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The address of a waiting registration is kept for operators only sealed, and only while it waits: a
 * confirmation by any path clears it, and a deletion or lapse takes the row.
 */
@CommandServiceTest
@WithKeysAndTokens
class PendingAddressSealingTest {
    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityClaims claims;
    @Autowired
    EmbeddedMail mail;
    @Autowired
    PasswordCredentials credentials;
    private UserpassClient userpass;
    private PendingUsersApi pending;
    private UserpassRows rows;

    @BeforeEach
    void connect() {
        ClientApi api = new ClientApi(port);
        userpass = new UserpassClient(api);
        pending = new PendingUsersApi(api);
        rows = new UserpassRows(jdbc, claims);
    }

    @Test
    void theAddressIsStoredOnlySealedAndBoundToItsRegistration() {
        String local = "sealed" + UUID.randomUUID().toString().replace("-", "");
        String email = local + "@Example.test";
        userpass.register(MAIL, email, PASSWORD);

        String sealed = sealedAddress(email).orElseThrow();

        assertThat(sealed).startsWith("a1.pending1.");
        assertThat(sealed.toLowerCase(Locale.ROOT)).doesNotContain(local).doesNotContain("example.test");
        assertThat(jdbc.sql("SELECT count(*) FROM userpass_credentials WHERE"
                        + " position(lower(?) in lower(userpass_credentials::text)) > 0").param(local)
                .query(Long.class).single()).isZero();
        // Moved to another registration's row, it opens no more.
        String other = "other." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, other, PASSWORD);
        String otherId = pending.find(MAIL, other).get("id").asText();
        jdbc.sql("UPDATE userpass_credentials SET sealed_address = ? WHERE credential_id = ?").params(sealed, otherId)
                .update();
        assertThatThrownBy(() -> credentials.pending(new AppId(MAIL), rows.digest(MAIL, other), null, 1, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        jdbc.sql("DELETE FROM userpass_credentials WHERE credential_id = ?").param(otherId).update();
    }

    @Test
    void confirmingByLinkClearsIt() {
        String email = "link." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        Link link = Link.in(UserpassAssertions.onlyMailTo(mail, email));
        assertThat(sealedAddress(email)).isPresent();

        UserpassAssertions.assertNoContent(userpass.confirm(MAIL, link));

        assertThat(rows.credentials(MAIL, email)).isEqualTo(1);
        assertThat(sealedAddress(email)).isEmpty();
    }

    @Test
    void confirmingByAPasswordResetClearsIt() {
        String email = "reset." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        UserpassAssertions.onlyMailTo(mail, email);
        userpass.sendReset(MAIL, email);
        Link reset = Link.in(UserpassAssertions.mailsTo(mail, email, 2).get(1));

        UserpassAssertions.assertNoContent(userpass.reset(MAIL, reset, "a new password"));

        assertThat(rows.pending(MAIL, email)).isFalse();
        assertThat(sealedAddress(email)).isEmpty();
    }

    @Test
    void theOperatorsConfirmationClearsItAndTheirDeletionTakesTheRow() {
        String confirmed = "confirmed." + UUID.randomUUID() + "@example.test";
        String deleted = "deleted." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, confirmed, PASSWORD);
        userpass.register(MAIL, deleted, PASSWORD);

        assertThat(pending.confirm(MAIL, pending.find(MAIL, confirmed).get("id").asText()).status()).isEqualTo(204);
        assertThat(pending.delete(MAIL, pending.find(MAIL, deleted).get("id").asText()).status()).isEqualTo(204);

        assertThat(sealedAddress(confirmed)).isEmpty();
        assertThat(rows.credentials(MAIL, deleted)).isZero();
    }

    @Test
    void aLapsedRegistrationIsPurgedWithIt() {
        String email = "lapsed." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        jdbc.sql("UPDATE userpass_credentials SET pending_until = now() - interval '1 second' WHERE address_digest = ?")
                .param(rows.digest(MAIL, email)).update();

        credentials.purgeLapsed(Instant.now());

        assertThat(rows.credentials(MAIL, email)).isZero();
    }

    private Optional<String> sealedAddress(String email) {
        return Optional.of(jdbc.sql("SELECT coalesce(sealed_address, '') FROM userpass_credentials WHERE address_digest = ?")
                .param(rows.digest(MAIL, email)).query(String.class).single()).filter(sealed -> !sealed.isEmpty());
    }
}
