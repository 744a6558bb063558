package dev.portico.query.history;

import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.DeletionReason;
import dev.portico.query.support.Credentials;
import dev.portico.query.support.PersonalDataKeys;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import dev.portico.query.support.UserHistory.Identity;
import dev.portico.testsupport.ClientApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each event of a user is chained by hash to the one before; the check finds the first event altered since. */
@QueryServiceTest
class HashChainTest {
    private static final Duration CHAINED = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ChainVerification verification;

    private ClientApi api;

    @BeforeEach
    void setUp() {
        api = new ClientApi(port);
    }

    @Test
    void everyEventOfAUserSessionsIncludedIsChainedInOrderToThePreviousOne() {
        UserHistory user = new UserHistory(newApp());
        List<DomainEventMessage<?>> events = history(user, now());

        awaitChained(user, events.size());

        List<byte[]> previous = jdbc.sql("SELECT previous_hash FROM event_chain WHERE user_id = ? ORDER BY position")
                .param(user.userId().value()).query(byte[].class).list();
        List<byte[]> hashes = jdbc.sql("SELECT hash FROM event_chain WHERE user_id = ? ORDER BY position")
                .param(user.userId().value()).query(byte[].class).list();
        assertThat(previous.get(0)).isNull();
        for (int i = 1; i < hashes.size(); i++) {
            assertThat(previous.get(i)).isEqualTo(hashes.get(i - 1));
        }
        assertThat(jdbc.sql("SELECT event_identifier FROM event_chain WHERE user_id = ? ORDER BY position")
                .param(user.userId().value()).query(String.class).list())
                .containsExactlyElementsOf(events.stream().map(DomainEventMessage::getIdentifier).toList());
        assertThat(verification.verify(user.userId()).intact()).isTrue();
    }

    /**
     * Given two users' histories stored interleaved in one append (handled in the same batches where the users
     * share a segment), then each user's events join that user's chain, in order, and both chains verify.
     */
    @Test
    void eventsOfSeveralUsersInOneBatchEachJoinTheirOwnUsersChainInOrder() {
        UserHistory first = new UserHistory(newApp());
        UserHistory second = new UserHistory(newApp());
        List<DomainEventMessage<?>> firstEvents = events(first, now());
        List<DomainEventMessage<?>> secondEvents = events(second, now());
        List<DomainEventMessage<?>> interleaved = new ArrayList<>();
        for (int i = 0; i < Math.max(firstEvents.size(), secondEvents.size()); i++) {
            if (i < firstEvents.size()) {
                interleaved.add(firstEvents.get(i));
            }
            if (i < secondEvents.size()) {
                interleaved.add(secondEvents.get(i));
            }
        }

        eventStore.publish(interleaved);

        for (var user : List.of(Map.entry(first, firstEvents), Map.entry(second, secondEvents))) {
            awaitChained(user.getKey(), user.getValue().size());
            assertThat(jdbc.sql("SELECT event_identifier FROM event_chain WHERE user_id = ? ORDER BY position")
                    .param(user.getKey().userId().value()).query(String.class).list())
                    .containsExactlyElementsOf(
                            user.getValue().stream().map(DomainEventMessage::getIdentifier).toList());
            assertThat(verification.verify(user.getKey().userId()).intact()).isTrue();
        }
    }

    /**
     * Given a user's chained history, when one stored event's payload is changed directly in PostgreSQL, then
     * the check of that user and the check of the whole store both name exactly that event; the events before
     * it still verify.
     */
    @Test
    void alteringAStoredEventInTheDatabaseBreaksTheChainExactlyThere() throws Exception {
        UserHistory user = new UserHistory(newApp());
        List<DomainEventMessage<?>> events = history(user, now());
        awaitChained(user, events.size());
        assertThat(check("?user=" + user.userId()).get("intact").asBoolean()).isTrue();

        DomainEventMessage<?> altered = events.get(2);
        int changed = jdbc.sql("""
                        UPDATE domain_event_entry
                        SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'local-userpass', 'oauth2-google'), 'UTF8')
                        WHERE event_identifier = ?""")
                .param(altered.getIdentifier()).update();
        assertThat(changed).isEqualTo(1);

        JsonNode one = check("?user=" + user.userId());
        assertThat(one.get("intact").asBoolean()).isFalse();
        assertThat(one.get("checked_events").asLong()).isEqualTo(events.size());
        assertThat(one.at("/first_break/event_id").asText()).isEqualTo(altered.getIdentifier());
        assertThat(one.at("/first_break/position").asLong()).isEqualTo(2);
        assertThat(one.at("/first_break/problem").asText()).isEqualTo("event_altered");
        assertThat(one.at("/first_break/user_id").asText()).isEqualTo(user.userId().value());

        JsonNode all = check("");
        assertThat(all.get("intact").asBoolean()).isFalse();
        assertThat(all.at("/first_break/event_id").asText()).isEqualTo(altered.getIdentifier());
        assertThat(all.get("checked_events").asLong()).isGreaterThanOrEqualTo(events.size());
    }

    /** Crypto-shredding destroys the user's key, not the bytes of its events: the chain still verifies. */
    @Test
    void theChainOfAnErasedUserStillVerifies() throws Exception {
        UserHistory user = new UserHistory(newApp());
        PersonalDataKeys key = new PersonalDataKeys(jdbc, user.userId());
        Identity identity = Identity.of(ProviderType.EMAIL_PASSWORD, "local-userpass");
        Instant at = now();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        events.add(user.register(at).get(0));
        events.add(user.record(new dev.portico.events.identity.IdentityLinked(user.userId(), user.appId(),
                identity.id(), identity.providerType(), identity.providerId(), key.sealText("ann@example.com"),
                key.seal(java.util.Map.of("name", "Ann")), at), java.util.Map.of("actor", "user:" + user.userId()), at));
        events.add(user.delete(DeletionReason.USER_REQUEST, at.plusSeconds(1)));
        eventStore.publish(events);
        awaitChained(user, events.size());

        key.destroy();

        JsonNode report = check("?user=" + user.userId());
        assertThat(report.get("intact").asBoolean()).isTrue();
        assertThat(report.get("checked_events").asLong()).isEqualTo(3);
    }

    /**
     * A deployment that had events before the chain existed gets them chained by its migration
     * ({@code chain_unchained_events()}), with exactly the hashes the projection computes.
     */
    @Test
    void eventsStoredBeforeTheChainExistedAreChainedByTheMigrationWithTheProjectionsHashes() {
        UserHistory user = new UserHistory(newApp());
        List<DomainEventMessage<?>> events = history(user, now());
        awaitChained(user, events.size());
        List<byte[]> byProjection = hashesOf(user);

        jdbc.sql("DELETE FROM event_chain WHERE user_id = ?").param(user.userId().value()).update();
        long chained = jdbc.sql("SELECT chain_unchained_events()").query(Long.class).single();

        assertThat(chained).isGreaterThanOrEqualTo(events.size());
        assertThat(hashesOf(user)).containsExactlyElementsOf(byProjection);
        assertThat(verification.verify(user.userId()).intact()).isTrue();
    }

    private List<byte[]> hashesOf(UserHistory user) {
        return jdbc.sql("SELECT hash FROM event_chain WHERE user_id = ? ORDER BY position")
                .param(user.userId().value()).query(byte[].class).list();
    }

    @Test
    void checkingAUserWithoutHistoryOrWithAMalformedIdIsRefused() throws Exception {
        assertThat(api.get("/api/v1/audit/chain?user=0123456789abcdef01234567", Credentials.HISTORY_READER).status())
                .isEqualTo(404);
        var malformed = api.get("/api/v1/audit/chain?user=nope", Credentials.HISTORY_READER);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).isEqualTo("InvalidParameter");
        assertThat(api.get("/api/v1/audit/chain", null).status()).isEqualTo(401);
    }

    /** A user's stream and two sessions' streams: registration, link, login, logout, disable. */
    private List<DomainEventMessage<?>> history(UserHistory user, Instant at) {
        List<DomainEventMessage<?>> events = events(user, at);
        eventStore.publish(events);
        return events;
    }

    private static List<DomainEventMessage<?>> events(UserHistory user, Instant at) {
        Identity anonymous = UserHistory.anonymous();
        List<DomainEventMessage<?>> events = new ArrayList<>(user.register(dev.portico.events.user.UserType.NORMAL,
                anonymous, at));
        events.add(user.link(Identity.of(ProviderType.EMAIL_PASSWORD, "local-userpass"), at.plusMillis(1)));
        events.add(user.login(anonymous, at.plusMillis(2)));
        events.add(user.disable(at.plusMillis(3)));
        events.add(user.enable(at.plusMillis(4)));
        return events;
    }

    private void awaitChained(UserHistory user, int events) {
        await().atMost(CHAINED).until(() -> jdbc.sql("SELECT count(*) FROM event_chain WHERE user_id = ?")
                .param(user.userId().value()).query(Long.class).single() == events);
    }

    private JsonNode check(String query) throws Exception {
        ClientApi.Response response = api.get("/api/v1/audit/chain" + query, Credentials.HISTORY_READER);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }
}
