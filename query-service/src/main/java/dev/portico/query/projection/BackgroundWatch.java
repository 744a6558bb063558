package dev.portico.query.projection;

import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * One daemon thread that watches something for as long as the service runs ({@link EventArrivals} the event
 * store's head, {@link AppendNotifications} the database's notifications), started and stopped with the
 * application context. Stopping interrupts the thread and waits a few seconds for it to end.
 */
abstract class BackgroundWatch implements SmartLifecycle {
    private static final long RETRY_MILLIS = 1000;

    private final String threadName;
    private final Object lock = new Object();
    private volatile boolean running;
    private Thread thread;

    BackgroundWatch(String threadName) {
        this.threadName = threadName;
    }

    /** Runs on the thread; returns once {@link #isRunning()} is false. */
    protected abstract void watch();

    /** Marks the watch running; subclasses start the thread when there is something to watch. */
    @Override
    public void start() {
        running = true;
    }

    /** Starts the thread unless it runs already or the watch is stopped. */
    protected final void startThread() {
        synchronized (lock) {
            if (running && thread == null) {
                thread = new Thread(this::watch, threadName);
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (lock) {
            running = false;
            stopping = thread;
            thread = null;
            lock.notifyAll();
        }
        if (stopping != null) {
            stopping.interrupt();
            try {
                stopping.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Waits a second before the watch tries again; false when it was stopped meanwhile. */
    protected final boolean pause() {
        synchronized (lock) {
            if (!running) {
                return false;
            }
            try {
                lock.wait(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return running;
        }
    }
}
