package dev.portico.command.support;

import static dev.portico.command.support.KeysAndTokensApps.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The operator API's pending-users endpoints, as the operator of {@link KeysAndTokensApps} calls them. */
public final class PendingUsersApi {
    private final ClientApi api;

    public PendingUsersApi(ClientApi api) {
        this.api = api;
    }

    public static String path(String app) {
        return "/api/admin/v1/apps/" + app + "/pending-users";
    }

    public static String path(String app, String id) {
        return path(app) + "/" + id;
    }

    public Response list(String app, String query) {
        return api.get(path(app) + (query.isEmpty() ? "" : "?" + query), OPERATOR_TOKEN);
    }

    /** The listed registration of the address: the one item the e-mail filter finds. */
    public JsonNode find(String app, String email) {
        Response page = list(app, "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().get("items")).as(page.body()).hasSize(1);
        return page.json().get("items").get(0);
    }

    /** As {@link #find}, once its confirmation e-mail has gone out (noted after the mail server took it). */
    public JsonNode findMailed(String app, String email) {
        await("confirmation e-mail to " + email + " noted").atMost(Duration.ofSeconds(30))
                .until(() -> !find(app, email).get("last_email_sent_at").isNull());
        return find(app, email);
    }

    public Response confirm(String app, String id) {
        return api.post(path(app, id) + "/confirm", OPERATOR_TOKEN, "");
    }

    public Response resend(String app, String id) {
        return api.post(path(app, id) + "/resend", OPERATOR_TOKEN, "");
    }

    public Response delete(String app, String id) {
        return api.delete(path(app, id), OPERATOR_TOKEN);
    }
}
