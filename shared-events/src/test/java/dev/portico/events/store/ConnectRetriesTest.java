package dev.portico.events.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectRetriesTest {

    @Test
    void the_waits_add_up_to_at_least_the_configured_maximum() {
        // 1 + 2 + 4 + 5 * 23 = 122 s: the first retries double, the rest wait the interval.
        assertThat(ConnectRetries.within(Duration.ofMinutes(2), Duration.ofSeconds(5)))
                .isEqualTo(new ConnectRetries(26, 5));
    }

    @Test
    void a_short_maximum_takes_only_the_retries_it_needs() {
        assertThat(ConnectRetries.within(Duration.ofSeconds(3), Duration.ofSeconds(5)))
                .isEqualTo(new ConnectRetries(2, 5));
    }

    @Test
    void no_wait_means_a_single_attempt() {
        assertThat(ConnectRetries.within(Duration.ZERO, Duration.ofSeconds(5))).isEqualTo(new ConnectRetries(0, 5));
    }
}
