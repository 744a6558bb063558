package dev.portico.query.api;

import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.query.support.Credentials;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import dev.portico.testsupport.ClientApi;
import java.time.Duration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What monitoring scrapes from /actuator/prometheus (no credentials: it is served to the monitoring network). */
@QueryServiceTest
class MetricsTest {
    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    private ClientApi api;

    @BeforeEach
    void setUp() {
        api = new ClientApi(port);
    }

    @Test
    void requestsLagToTheReadModelAndToKafkaBacklogAndRebuildProgressAreScraped() {
        UserHistory user = new UserHistory(newApp());
        double readModelBefore = value(scrape(), "portico_projection_lag_seconds_count{target=\"read_model\"");
        double kafkaBefore = value(scrape(), "portico_projection_lag_seconds_count{target=\"kafka\"");
        eventStore.publish(user.register(now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/users/" + user.userId(),
                Credentials.USERS_READER).status() == 200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(value(metrics, "portico_projection_lag_seconds_count{target=\"read_model\""))
                    .isGreaterThanOrEqualTo(readModelBefore + 2);
            // Created and identity linked: two messages sent.
            assertThat(value(metrics, "portico_projection_lag_seconds_count{target=\"kafka\""))
                    .isGreaterThanOrEqualTo(kafkaBefore + 2);
        });
        String metrics = scrape();
        // Buckets, so that the lag over a window can be told from two scrapes (infra/bench's projection_lag).
        for (String target : java.util.List.of("read_model", "kafka")) {
            assertThat(metrics.lines().filter(line -> line.startsWith("portico_projection_lag_seconds_bucket{")
                    && line.contains("target=\"" + target + "\"")))
                    .as("buckets of %s", target)
                    .anyMatch(line -> line.contains("le=\"0.1\""))
                    .anyMatch(line -> line.contains("le=\"+Inf\""));
        }
        assertThat(metrics).contains("http_server_requests_seconds_count{")
                .contains("uri=\"/api/v1/users/{id}\"")
                .contains("portico_outbox_backlog ")
                .contains("portico_rebuild_running ")
                .contains("portico_rebuild_events_applied ");
    }

    private String scrape() {
        ClientApi.Response response = api.getWithHeaders("/actuator/prometheus", java.util.Map.of("Accept", "text/plain"));
        assertThat(response.status()).isEqualTo(200);
        return response.raw().body();
    }

    private static double value(String metrics, String prefix) {
        return metrics.lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
