package dev.portico.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.events.AppId;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Anonymous logins create users without any credential, so each address and each app gets only so many. */
@CommandServiceTest
@TestPropertySource(properties = "portico.rate-limits.per-address=3")
class RateLimitTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anAddressOverItsLimitIsAskedToWaitAndNothingIsWritten() {
        ClientApi api = new ClientApi(port);
        for (int i = 0; i < 3; i++) {
            assertThat(api.anonymousLogin("test-app").status()).isEqualTo(200);
        }
        long events = new StoredEvents(jdbc).count();

        Response refused = api.anonymousLogin("test-app");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).contains("application/json");
        assertThat(refused.text("error_code")).isEqualTo("TooManyRequests");
        assertThat(refused.text("error")).matches("too many requests; try again in \\d+ s");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(new StoredEvents(jdbc).count()).isEqualTo(events);
        assertThat(api.anonymousLogin("other-app").status()).isEqualTo(200);
    }

    @Test
    void anAppOverItsLimitRefusesEveryAddress() {
        RateLimits limits = new RateLimits(new RateLimits.Settings(0, 2, 10));
        AppId app = new AppId("busy-app");
        limits.acquire(RateLimits.Action.ANONYMOUS_LOGIN, app, "192.0.2.1");
        limits.acquire(RateLimits.Action.ANONYMOUS_LOGIN, app, "192.0.2.2");

        assertThatThrownBy(() -> limits.acquire(RateLimits.Action.ANONYMOUS_LOGIN, app, "192.0.2.3"))
                .isInstanceOfSatisfying(ClientApiException.class,
                        e -> assertThat(e.status().value()).isEqualTo(429));
        limits.acquire(RateLimits.Action.REGISTRATION, app, "192.0.2.3");
    }

    @Test
    void forgottenAddressesStartAfresh() {
        RateLimits limits = new RateLimits(new RateLimits.Settings(1, 0, 2));
        AppId app = new AppId("app");
        limits.acquire(RateLimits.Action.ANONYMOUS_LOGIN, app, "192.0.2.1");
        limits.acquire(RateLimits.Action.ANONYMOUS_LOGIN, app, "192.0.2.2");
        limits.acquire(RateLimits.Action.ANONYMOUS_LOGIN, app, "192.0.2.3");

        // 192.0.2.1 was the least recently seen of three, with room for two: it starts with a full bucket.
        limits.acquire(RateLimits.Action.ANONYMOUS_LOGIN, app, "192.0.2.1");
        assertThatThrownBy(() -> limits.acquire(RateLimits.Action.ANONYMOUS_LOGIN, app, "192.0.2.3"))
                .isInstanceOf(ClientApiException.class);
    }
}
