package dev.portico.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.stack.PostgresServer;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientLoad;
import dev.portico.testsupport.LifecycleConsumer;
import dev.portico.testsupport.StoredEvents;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What must hold once a {@link ClientLoad} has stopped, whatever happened to the processes meanwhile: every
 * login answered 200 is in the event store, the client views and the read model; every logout answered 204
 * stays revoked; what was answered as failed did not happen; the lifecycle topic carries exactly the event
 * store's lifecycle events, in order per user, duplicates only as the same event id.
 */
final class LoadAftermath {
    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static final String TOPIC = "portico.user-lifecycle";

    private final ClientLoad load;
    private final PostgresServer database;
    private final String kafka;
    private final ClientApi client;
    private final ClientApi reads;
    private final String serviceToken;
    private final Set<String> outsideTheLoad;

    /** @param outsideTheLoad users the test made itself: on the topic like all, but not the load's to explain */
    LoadAftermath(ClientLoad load, PostgresServer database, String kafka, ClientApi client, ClientApi reads,
            String serviceToken, Set<String> outsideTheLoad) {
        this.outsideTheLoad = outsideTheLoad;
        this.load = load;
        this.database = database;
        this.kafka = kafka;
        this.client = client;
        this.reads = reads;
        this.serviceToken = serviceToken;
    }

    /** @return the counts to print */
    Map<String, Object> verify() {
        List<ClientLoad.Login> logins = load.logins();
        Set<String> loggedOut = ids(load.loggedOut());
        // A 503 says the database was unreachable: a commit in flight may have happened unconfirmed, so, like a
        // request without an answer, its outcome is unknown. Every other failure must have changed nothing.
        Map<String, Integer> answeredFailedLogouts = load.failedLogouts().stream().filter(f -> !outcomeUnknown(f))
                .collect(Collectors.toMap(f -> f.login().userId(), ClientLoad.FailedLogout::status, (a, b) -> a));
        Set<String> unansweredLogouts = load.failedLogouts().stream().filter(LoadAftermath::outcomeUnknown)
                .map(f -> f.login().userId()).collect(Collectors.toSet());

        // The event store: one registration per user; deletions exactly for the logouts that were answered 204.
        Map<String, List<StoredEvents.Stored>> stored = announcedInStore(database);
        Map<String, Long> registrations = count(stored, PorticoSystem.USER_REGISTERED);
        Map<String, Long> deletions = count(stored, PorticoSystem.USER_DELETED);
        assertThat(registrations.values()).as("registrations per user").allMatch(n -> n == 1);
        assertThat(registrations.keySet()).as("every login answered 200 is in the event store").containsAll(ids(logins));
        Set<String> withoutAnswer = new HashSet<>(registrations.keySet());
        withoutAnswer.removeAll(ids(logins));
        withoutAnswer.removeAll(outsideTheLoad);
        assertThat(withoutAnswer.size()).as("users stored that no client was told of: only logins without an answer")
                .isLessThanOrEqualTo(load.unansweredLogins());
        assertThat(deletions.keySet()).as("every logout answered 204 deleted its anonymous user").containsAll(loggedOut);
        assertThat(answeredFailedLogouts.keySet()).as("no logout answered as failed happened")
                .noneMatch(deletions::containsKey);
        Set<String> unexplained = new HashSet<>(deletions.keySet());
        unexplained.removeAll(loggedOut);
        unexplained.removeAll(unansweredLogouts);
        unexplained.removeAll(outsideTheLoad);
        assertThat(unexplained).as("deletions no client asked for").isEmpty();

        // Revoked stays revoked; the others are in the client views and the read model.
        for (ClientLoad.Login login : load.loggedOut()) {
            assertThat(client.post("/api/client/v2.0/auth/session", login.refreshToken(), null).status())
                    .as("refresh after logout of %s", login.userId()).isEqualTo(401);
        }
        List<ClientLoad.Login> living = logins.stream().filter(l -> !deletions.containsKey(l.userId())).toList();
        for (ClientLoad.Login login : living) {
            assertThat(client.get("/api/client/v2.0/auth/profile", login.accessToken()).status())
                    .as("profile of %s", login.userId()).isEqualTo(200);
        }
        await().atMost(CATCH_UP).untilAsserted(() -> {
            for (ClientLoad.Login login : living) {
                assertThat(reads.get("/api/v1/users/" + login.userId(), serviceToken).status())
                        .as("read model of %s", login.userId()).isEqualTo(200);
            }
        });

        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("logins answered 200", logins.size());
        counts.put("found afterwards", registrations.keySet().stream().filter(ids(logins)::contains).count());
        counts.put("logins without an answer", load.unansweredLogins());
        counts.put("logouts answered 204 / revoked afterwards", loggedOut.size());
        counts.putAll(topicCarries(kafka, stored));
        counts.put("answers", load.answers());
        return counts;
    }

    /** The lifecycle events of the app's users in the event store, each user's in the store's order. */
    static Map<String, List<StoredEvents.Stored>> announcedInStore(PostgresServer database) {
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl(), database.username(),
                database.password()));
        StoredEvents events = new StoredEvents(jdbc);
        // The app's users are those it registered; not every later event names the app (a disable does not).
        Set<String> users = events.ofTypesInApp(PorticoSystem.APP_ID, PorticoSystem.USER_REGISTERED).stream()
                .map(StoredEvents.Stored::aggregateIdentifier).collect(Collectors.toSet());
        Map<String, List<StoredEvents.Stored>> stored = new LinkedHashMap<>();
        // Every type the lifecycle topic announces.
        for (StoredEvents.Stored event : events.ofTypes(PorticoSystem.ANNOUNCED.toArray(String[]::new))) {
            if (users.contains(event.aggregateIdentifier())) {
                stored.computeIfAbsent(event.aggregateIdentifier(), id -> new java.util.ArrayList<>()).add(event);
            }
        }
        return stored;
    }

    /**
     * The topic carries exactly the {@code stored} events: nothing missing, nothing else, in order per user,
     * duplicates only as the same event id. Returns the counts checked.
     */
    static Map<String, Object> topicCarries(String kafka, Map<String, List<StoredEvents.Stored>> stored) {
        Set<String> expected = stored.values().stream().flatMap(List::stream).map(StoredEvents.Stored::eventIdentifier)
                .collect(Collectors.toSet());
        Map<String, Object> counts = new LinkedHashMap<>();
        try (LifecycleConsumer consumer = new LifecycleConsumer(kafka, TOPIC)) {
            await().atMost(CATCH_UP).pollInSameThread().untilAsserted(() -> {
                consumer.poll();
                assertThat(consumer.caughtUp()).isTrue();
                assertThat(consumer.poll().stream().map(LifecycleConsumer.Message::id).collect(Collectors.toSet()))
                        .containsAll(expected);
            });
            List<LifecycleConsumer.Message> messages = consumer.poll();
            Set<String> found = messages.stream().map(LifecycleConsumer.Message::id).collect(Collectors.toSet());
            assertThat(found).as("messages that are no stored event").isSubsetOf(expected);
            Map<String, String> typeOfId = new HashMap<>();
            for (LifecycleConsumer.Message message : messages) {
                assertThat(typeOfId.putIfAbsent(message.id(), message.value())).as("a duplicate is the same event")
                        .isIn(null, message.value());
            }
            for (String user : stored.keySet()) {
                // A batch sent again after a failure repeats its events; the first copies keep the user's order,
                // which is the order of the user's events in the store.
                List<String> firstCopies = consumer.about(user).stream().map(LifecycleConsumer.Message::id)
                        .distinct().toList();
                assertThat(firstCopies).as("order of %s", user).containsExactlyElementsOf(
                        stored.get(user).stream().map(StoredEvents.Stored::eventIdentifier).toList());
            }
            counts.put("users on the topic", stored.size());
            counts.put("Kafka messages expected", expected.size());
            counts.put("found", found.size());
            counts.put("duplicates", messages.size() - found.size());
        }
        return counts;
    }

    private static boolean outcomeUnknown(ClientLoad.FailedLogout logout) {
        return logout.status() == 0 || logout.status() == 503;
    }

    private static Map<String, Long> count(Map<String, List<StoredEvents.Stored>> stored, String type) {
        Map<String, Long> counts = new HashMap<>();
        stored.forEach((user, events) -> {
            long n = events.stream().filter(e -> type.equals(e.payloadType())).count();
            if (n > 0) {
                counts.put(user, n);
            }
        });
        return counts;
    }

    private static Set<String> ids(List<ClientLoad.Login> logins) {
        return logins.stream().map(ClientLoad.Login::userId).collect(Collectors.toSet());
    }
}
