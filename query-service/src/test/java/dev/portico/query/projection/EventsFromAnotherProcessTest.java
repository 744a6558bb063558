package dev.portico.query.projection;

import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.query.support.OtherProcessCommits;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In production command-service writes the events, so this service learns of them from the database (see
 * {@link AppendNotificationsTest}). Appending through an engine of its own (another connection, no in-process notification) is what
 * that looks like from here. How soon they show is a figure of the bench (projection_lag, printed by
 * infra/bench/run.sh), which a shared build machine cannot judge; checked here is that they show, and that
 * the processor's event source wakes it when they arrive instead of leaving it to its idle heartbeat.
 */
@QueryServiceTest
class EventsFromAnotherProcessTest extends OtherProcessCommits {
    @Autowired
    WakingEventSource usersEventSource;

    @Test
    void everyUserCommittedByAnotherProcessIsProjected() {
        List<UserHistory> users = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            UserHistory user = new UserHistory(newApp());
            otherProcess.appendEvents(user.register(now()));
            users.add(user);
        }

        await().atMost(PROJECTED).untilAsserted(() ->
                assertThat(users).allSatisfy(user -> assertThat(find(user)).isPresent()));
    }

    /**
     * The users processor waits for this callback when it is idle (Axon's pooled processor then looks for
     * events only at its token-claim interval), so a commit of another process must trigger it.
     */
    @Test
    void aCommitOfAnotherProcessWakesTheProcessorsEventSource() {
        // Once a user is projected the processor is running and listening, so the watch on the store is up.
        committedAndProjected();

        try (BlockingStream<TrackedEventMessage<?>> stream = usersEventSource.openStream(usersEventSource.createHeadToken())) {
            AtomicInteger wakeUps = new AtomicInteger();
            assertThat(stream.setOnAvailableCallback(wakeUps::incrementAndGet))
                    .as("the source takes the callback, so the processor relies on it").isTrue();
            UserHistory second = new UserHistory(newApp());

            otherProcess.appendEvents(second.register(now()));

            await().atMost(PROJECTED).untilAsserted(() -> {
                assertThat(wakeUps).as("woken by the other process's commit").hasPositiveValue();
                assertThat(stream.hasNextAvailable()).as("the woken stream has the events").isTrue();
                assertThat(find(second)).isPresent();
            });
        }
    }
}
