package dev.portico.command.api;

import static dev.portico.command.api.ApiKeysTest.assertError;
import static dev.portico.command.support.KeysAndTokensApps.KEYS_APP;
import static dev.portico.command.support.KeysAndTokensApps.OPERATOR_TOKEN;
import static dev.portico.command.support.UserpassApps.AUTO;
import static dev.portico.command.support.UserpassApps.FUNCTION;
import static dev.portico.command.support.UserpassApps.MAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.KeysAndTokensApps.WithKeysAndTokens;
import dev.portico.command.support.PendingUsersApi;
import dev.portico.testsupport.ClientApi.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Operators list the registrations that wait for confirmation, a page at a time, or find an address's. */
@CommandServiceTest
@WithKeysAndTokens
class AdminPendingUsersListTest extends PendingUsersFixture {
    @Test
    void aWaitingRegistrationIsListedWithItsAddressFoundWhateverItsCase() {
        String email = "Ada." + UUID.randomUUID() + "@Example.test";
        Instant before = Instant.now();
        assertThat(userpass.register(MAIL, email, PASSWORD).status()).isEqualTo(201);

        JsonNode item = pending.find(MAIL, email.toUpperCase(Locale.ROOT));

        assertThat(item.get("id").asText()).matches("[0-9a-f]{24}");
        assertThat(item.get("email").asText()).isEqualTo(email);
        Instant created = Instant.parse(item.get("created_at").asText());
        assertThat(created).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(Instant.parse(item.get("lapses_at").asText())).isEqualTo(created.plus(Duration.ofDays(7)));
        assertThat(Instant.parse(pending.findMailed(MAIL, email).get("last_email_sent_at").asText()))
                .isAfterOrEqualTo(created);
    }

    @Test
    void confirmedLapsedAndOtherAppsRegistrationsAreNotListed() {
        String automatic = "auto." + UUID.randomUUID() + "@example.test";
        String lapsed = "lapsed." + UUID.randomUUID() + "@example.test";
        String elsewhere = "elsewhere." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, automatic, PASSWORD);
        userpass.register(MAIL, lapsed, PASSWORD);
        userpass.register(MAIL, elsewhere, PASSWORD);
        jdbc.sql("UPDATE userpass_credentials SET pending_until = now() - interval '1 second' WHERE address_digest = ?")
                .param(rows.digest(MAIL, lapsed)).update();

        assertThat(pending.list(AUTO, "email=" + automatic).json().get("items")).isEmpty();
        assertThat(pending.list(MAIL, "email=" + lapsed).json().get("items")).isEmpty();
        assertThat(pending.list(FUNCTION, "email=" + elsewhere).json().get("items")).isEmpty();
        assertThat(pending.list(MAIL, "email=" + elsewhere).json().get("items")).hasSize(1);
        assertThat(pending.list(MAIL, "email=nobody." + UUID.randomUUID() + "@example.test").json().get("items")).isEmpty();
    }

    @Test
    void pagesFollowCreationOrderAndACursorOutlivesTheRegistrationItNames() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String email = "page" + i + "." + UUID.randomUUID() + "@example.test";
            userpass.register(MAIL, email, PASSWORD);
            made.add(pending.find(MAIL, email).get("id").asText());
        }

        List<String> listed = new ArrayList<>();
        String cursor = null;
        boolean deletedOne = false;
        do {
            Response page = pending.list(MAIL, "limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(2);
            page.json().get("items").forEach(item -> listed.add(item.get("id").asText()));
            cursor = page.json().get("next_cursor").isNull() ? null : page.json().get("next_cursor").asText();
            String last = listed.isEmpty() ? null : listed.get(listed.size() - 1);
            if (!deletedOne && cursor != null && made.contains(last)) {
                // The cursor names this registration; deleting it must not lose the place.
                assertThat(pending.delete(MAIL, last).status()).isEqualTo(204);
                deletedOne = true;
            }
        } while (cursor != null);

        assertThat(deletedOne).isTrue();
        assertThat(listed).containsSubsequence(made).doesNotHaveDuplicates();
    }

    @Test
    void aRegistrationStoredWithoutItsAddressIsListedWithoutOne() {
        String email = "old." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        jdbc.sql("UPDATE userpass_credentials SET sealed_address = NULL WHERE address_digest = ?")
                .param(rows.digest(MAIL, email)).update();

        JsonNode item = pending.find(MAIL, email);

        assertThat(item.has("email")).isTrue();
        assertThat(item.get("email").isNull()).isTrue();
        assertThat(item.get("id").asText()).matches("[0-9a-f]{24}");
    }

    @Test
    void onlyAnOperatorTokenIsAccepted() {
        String email = "user." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, email, PASSWORD);
        Response user = userpass.logIn(AUTO, email, PASSWORD);
        String path = PendingUsersApi.path(MAIL);

        assertError(api.get(path, null), 401, "MissingAuthReq", "must authenticate first");
        assertError(api.get(path, user.text("access_token")), 401, "AuthError", "invalid operator token");
        assertError(api.get(path, user.text("refresh_token")), 401, "AuthError", "invalid operator token");
        assertError(api.get(path, OPERATOR_TOKEN + "x"), 401, "AuthError", "invalid operator token");
    }

    @Test
    void badParametersAreRefusedBeforeAnyWork() {
        for (String limit : List.of("0", "101", "-1", "ten", "99999999999")) {
            assertError(pending.list(MAIL, "limit=" + limit), 400, "InvalidParameter",
                    "limit must be a whole number from 1 to 100");
        }
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("yesterday.65aa00000000000000000099".getBytes(StandardCharsets.US_ASCII));
        for (String cursor : List.of("zz!", forged, "x".repeat(65), "%00")) {
            assertError(pending.list(MAIL, "cursor=" + cursor), 400, "InvalidParameter",
                    "cursor must be the next of an earlier page");
        }
        assertError(pending.list(MAIL, "email=" + "a".repeat(250) + "%40b.test"), 400, "InvalidParameter",
                "email must be 1 to 254 characters");
        assertError(pending.list(MAIL, "email="), 400, "InvalidParameter", "email must be 1 to 254 characters");
        assertError(pending.list("no-such-app", ""), 404, "AppNotFound",
                "cannot find app using Client App ID 'no-such-app'");
        assertError(pending.list(KEYS_APP, ""), 404, "AuthProviderNotFound",
                "authentication provider not found: 'local-userpass'");
    }
}
