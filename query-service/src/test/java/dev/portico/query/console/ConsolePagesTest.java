package dev.portico.query.console;

import static dev.portico.query.support.ServiceSettingsInitializer.CONSOLE_OPERATOR;
import static dev.portico.query.support.ServiceSettingsInitializer.CONSOLE_OPERATOR_TOKEN;
import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.events.user.UserType;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.DeletionReason;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserRegistered;
import dev.portico.query.support.ConsoleBrowser;
import dev.portico.query.support.PersonalDataKeys;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import dev.portico.query.support.UserHistory.Identity;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console's read pages, from the read API's queries and the auditors' readers. */
@QueryServiceTest
class ConsolePagesTest {
    private static final Duration PROJECTED = Duration.ofSeconds(15);

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcClient jdbc;

    private ConsoleBrowser browser;
    private UserHistory user;
    private PersonalDataKeys key;
    private Instant t0;
    private Identity identity;

    @BeforeEach
    void setUp() {
        browser = new ConsoleBrowser(port);
        browser.signIn(CONSOLE_OPERATOR, CONSOLE_OPERATOR_TOKEN);
        user = new UserHistory(newApp());
        key = new PersonalDataKeys(jdbc, user.userId());
        t0 = now().minusSeconds(600);
        identity = Identity.of(ProviderType.EMAIL_PASSWORD, "local-userpass");
        Map<String, ?> byUser = Map.of("actor", "user:" + user.userId(), "requestId", "req-console",
                "client", key.seal(Map.of("ip", "203.0.113.9", "userAgent", "Mozilla/5.0")).sealed());
        eventStore.publish(
                user.record(new UserRegistered(user.userId(), user.appId(), UserType.NORMAL, t0), byUser, t0),
                user.record(new IdentityLinked(user.userId(), user.appId(), identity.id(), identity.providerType(),
                        identity.providerId(), key.sealText("grace@example.com"), key.seal(Map.of("name", "Grace", "email", "grace@example.com")), t0),
                        byUser, t0));
    }

    @Test
    void theListingFindsTheUserByAppAndEmailAndLinksToItsPage() {
        String listing = "/console/users?app_id=" + user.appId().value() + "&email=grace%40example.com";
        HttpResponse<String> found = await().atMost(PROJECTED).until(() -> browser.get(listing),
                page -> page.body().contains(user.userId().value()));
        assertThat(found.statusCode()).isEqualTo(200);

        HttpResponse<String> nobody = browser.get("/console/users?app_id=" + user.appId().value()
                + "&email=someone-else%40example.com");
        assertThat(nobody.body()).doesNotContain(user.userId().value()).contains("No user matches.");

        HttpResponse<String> page = browser.get("/console/users/" + user.userId().value());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("local-userpass").contains("&quot;Grace&quot;")
                .contains("<dd id=\"user-state\">active</dd>");
    }

    @Test
    void theOverviewChartsTheAppsLoginsPerProviderAndCountsItsUsersByState() {
        eventStore.publish(user.login(identity, now()));

        HttpResponse<String> overview = await().atMost(PROJECTED).until(
                () -> browser.get("/console?range=hour&app_id=" + user.appId().value()),
                page -> page.body().contains("<rect"));

        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("<svg class=\"chart\" id=\"logins-chart\" role=\"img\"")
                .contains("local-userpass: 1</title>").contains("<dt>active</dt><dd>1</dd>")
                .contains("id=\"outbox-backlog\"")
                .as("no command-service in this test: said, not failed").contains("the command-service did not answer");
    }

    @Test
    void aChangedEventIsShownAsTheChainsFirstBrokenLink() {
        String chainPage = "/console/chain?user=" + user.userId().value();
        await().atMost(PROJECTED).until(() -> browser.get(chainPage).body().contains("Intact: 2 event(s) checked"));
        String linked = jdbc.sql("SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type LIKE '%.IdentityLinked'").param(user.userId().value()).query(String.class).single();
        jdbc.sql("""
                        UPDATE domain_event_entry
                        SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'local-userpass', 'oauth2-google'), 'UTF8')
                        WHERE event_identifier = ?""").param(linked).update();

        HttpResponse<String> broken = browser.get(chainPage);

        assertThat(broken.body()).contains("Broken: 2 event(s) checked.").contains("First broken link")
                .contains("<dd>" + linked + "</dd>").contains("<dd>event altered</dd>");
    }

    @Test
    void aMistakenFilterIsAFourHundredPageNotAnError() {
        HttpResponse<String> page = browser.get("/console/users?state=sleeping");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("state must be active or disabled");
    }

    @Test
    void anErasedUsersTimelineMarksItsPersonalDataErased() {
        eventStore.publish(user.record(new UserDeleted(user.userId(), user.appId(), DeletionReason.ADMINISTRATIVE,
                t0.plusSeconds(60)), Map.of("actor", "operator:alice"), t0.plusSeconds(60)));
        await().atMost(PROJECTED).until(() -> browser.get("/console/history/" + user.userId().value()).body()
                .contains("UserDeleted"));
        key.destroy();

        HttpResponse<String> timeline = browser.get("/console/history/" + user.userId().value());

        assertThat(timeline.body()).contains("IdentityLinked").contains("operator alice")
                .contains("(personal data erased)").doesNotContain("grace@example.com").doesNotContain("203.0.113.9");
        HttpResponse<String> state = browser.get("/console/history/" + user.userId().value() + "/state?at="
                + t0.plusSeconds(30));
        assertThat(state.body()).contains("<dd id=\"state-then\">active</dd>");
        HttpResponse<String> chain = browser.get("/console/chain?user=" + user.userId().value());
        assertThat(chain.body()).contains("Intact: 3 event(s) checked");
    }
}
