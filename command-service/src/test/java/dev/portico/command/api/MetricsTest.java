package dev.portico.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.testsupport.ClientApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What monitoring scrapes from /actuator/prometheus: requests per endpoint, logins per provider and outcome, access
 * tokens verified from memory.
 */
@CommandServiceTest
class MetricsTest {
    @LocalServerPort
    int port;
    private ClientApi api;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
    }

    @Test
    void loginsAreCountedByAppProviderAndOutcomeAndRequestsByEndpoint() {
        double before = count(scrape(), "portico_logins_total{app=\"test-app\",kind=\"login\",outcome=\"success\",provider=\"anon-user\"");
        assertThat(api.anonymousLogin("test-app").status()).isEqualTo(200);
        assertThat(api.post("/api/client/v2.0/app/test-app/auth/providers/no-such-provider/login", null, "{}").status())
                .isEqualTo(404);

        String metrics = scrape();

        assertThat(count(metrics, "portico_logins_total{app=\"test-app\",kind=\"login\",outcome=\"success\",provider=\"anon-user\""))
                .isEqualTo(before + 1);
        assertThat(count(metrics, "portico_logins_total{app=\"test-app\",kind=\"login\",outcome=\"invalid\",provider=\"unknown\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics).contains("http_server_requests_seconds_count{")
                .contains("uri=\"/api/client/v2.0/app/{appId}/auth/providers/{provider}/login\"");
    }

    @Test
    void accessTokensVerifiedFromMemoryAreCounted() {
        String token = api.anonymousLogin("test-app").text("access_token");
        String before = scrape();

        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/api/client/v2.0/auth/profile", token).status()).isEqualTo(200);
        }

        String after = scrape();
        assertThat(count(after, "portico_tokens_verified_cache_lookups_total{result=\"hit\"")
                - count(before, "portico_tokens_verified_cache_lookups_total{result=\"hit\"")).isGreaterThanOrEqualTo(2);
        assertThat(count(after, "portico_tokens_verified_cache_size")).isGreaterThanOrEqualTo(1);
    }

    private String scrape() {
        ClientApi.Response response = api.getWithHeaders("/actuator/prometheus", java.util.Map.of("Accept", "text/plain"));
        assertThat(response.status()).isEqualTo(200);
        return response.raw().body();
    }

    /** The value of the first sample whose name and labels start with {@code prefix}, or 0. */
    static double count(String metrics, String prefix) {
        return metrics.lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
