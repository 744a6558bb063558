package dev.portico.query.publish;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the relay when the outbox has new rows. Signals sent while the relay is busy are kept (as one), so a
 * commit that happens during a send is not missed.
 */
public class RelaySignal {
    private final Semaphore pending = new Semaphore(0);

    public void signal() {
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    /** @return whether a signal arrived within {@code timeout} */
    public boolean await(Duration timeout) throws InterruptedException {
        boolean signalled = pending.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        pending.drainPermits();
        return signalled;
    }
}
