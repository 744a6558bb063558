package dev.portico.query.projection;

import static dev.portico.query.support.UserHistory.anonymous;
import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.events.AppId;
import dev.portico.events.user.DeletionReason;
import dev.portico.query.support.UserHistory.Identity;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.UserType;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Resetting the users processor rebuilds the read model from the event store, and announces nobody again. */
@QueryServiceTest
class ReplayTest {
    private static final Duration SETTLED = Duration.ofSeconds(60);

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UsersReplay replay;

    @Test
    void aResetRebuildsTheReadModelIdenticallyWithoutAnnouncingUsersAgain() {
        AppId app = newApp();
        Instant at = now();
        UserHistory loggedIn = new UserHistory(app);
        Identity identity = anonymous();
        eventStore.publish(loggedIn.register(UserType.NORMAL, identity, at));
        eventStore.publish(loggedIn.login(identity, at.plusSeconds(1)));
        eventStore.publish(loggedIn.link(Identity.of(ProviderType.GOOGLE, "oauth2-google"), at.plusSeconds(2)));
        UserHistory gone = new UserHistory(app);
        eventStore.publish(gone.register(at));
        eventStore.publish(gone.delete(DeletionReason.ADMINISTRATIVE, at.plusSeconds(3)));
        UserHistory server = new UserHistory(app);
        eventStore.publish(server.register(UserType.SERVER, Identity.of(ProviderType.API_KEY, "api-key"), at));
        List<String> keys = List.of(loggedIn, gone, server).stream().map(user -> user.userId().value()).toList();

        // Settled: every message written and sent, so that pruning them below loses nothing.
        await().atMost(SETTLED).untilAsserted(() -> {
            // Created, identity linked (four times in all) and deleted.
            assertThat(outboxRows(keys, "published_at IS NOT NULL")).isEqualTo(8);
            assertThat(caughtUp()).isTrue();
        });
        List<Map<String, Object>> users = usersOf(app);
        List<Map<String, Object>> identities = identitiesOf(app);
        assertThat(users).hasSize(2);
        assertThat(identities).hasSize(3);
        // A row no event stands for: a rebuild must not keep it.
        jdbc.sql("INSERT INTO users (user_id, app_id, user_type, created_at) VALUES ('0123456789abcdef01234567', ?, 'normal', now())")
                .param(app.value()).update();
        // Sent messages pruned, as the relay does after the retention: a replay must not write them again.
        jdbc.sql("DELETE FROM outbox WHERE message_key IN (:keys)").param("keys", keys).update();

        replay.start();

        PooledStreamingEventProcessor processor = processor();
        await().atMost(SETTLED).untilAsserted(() -> {
            // A segment counts as replaying until an event past the reset position arrives; being there is enough.
            assertThat(processor.processingStatus().values()).allMatch(ReplayTest::replayedToTheResetPosition);
            assertThat(caughtUp()).isTrue();
            assertThat(usersOf(app)).isEqualTo(users);
            assertThat(identitiesOf(app)).isEqualTo(identities);
        });
        assertThat(outboxRows(keys, "TRUE")).isZero();
    }

    private PooledStreamingEventProcessor processor() {
        return processing.eventProcessor(ProcessingGroups.USERS, PooledStreamingEventProcessor.class).orElseThrow();
    }

    private static boolean replayedToTheResetPosition(EventTrackerStatus status) {
        if (!status.isReplaying()) {
            return true;
        }
        return status.getCurrentPosition().isPresent() && status.getResetPosition().isPresent()
                && status.getCurrentPosition().getAsLong() >= status.getResetPosition().getAsLong();
    }

    private boolean caughtUp() {
        var status = processor().processingStatus().values();
        return !status.isEmpty() && status.stream().allMatch(EventTrackerStatus::isCaughtUp);
    }

    private List<Map<String, Object>> usersOf(AppId app) {
        return jdbc.sql("SELECT * FROM users WHERE app_id = ? ORDER BY user_id").param(app.value()).query().listOfRows();
    }

    private List<Map<String, Object>> identitiesOf(AppId app) {
        return jdbc.sql("""
                        SELECT i.* FROM user_identities i JOIN users u USING (user_id)
                        WHERE u.app_id = ? ORDER BY i.user_id, i.identity_id""")
                .param(app.value()).query().listOfRows();
    }

    private long outboxRows(List<String> keys, String condition) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE message_key IN (:keys) AND " + condition)
                .param("keys", keys).query(Long.class).single();
    }
}
