package dev.portico.query.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelaySignalTest {
    private final RelaySignal signal = new RelaySignal();

    @Test
    void aSignalGivenWhileNobodyWaitsIsKeptForTheNextWait() throws InterruptedException {
        signal.signal();
        signal.signal();

        assertThat(signal.await(Duration.ofSeconds(5))).isTrue();
        assertThat(signal.await(Duration.ofMillis(50))).as("several signals count as one").isFalse();
    }

    @Test
    void withoutASignalTheWaitTimesOut() throws InterruptedException {
        assertThat(signal.await(Duration.ofMillis(50))).isFalse();
    }
}
