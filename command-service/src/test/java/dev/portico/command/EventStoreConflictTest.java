package dev.portico.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.command.audit.Conflicts;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.events.UserId;
import dev.portico.events.user.UserEnabled;
import java.time.Instant;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two writers appending the same position of one stream (two instances racing on one user) is a conflict the
 * command is retried on, not a failure of the store: the second append must say so.
 */
@CommandServiceTest
class EventStoreConflictTest {
    @Autowired
    EventStorageEngine storage;

    @Test
    void theSecondAppendOfOnePositionOfAStreamIsAConcurrencyConflict() {
        UserId user = new UserId("6747a1b2c3d4e5f60123ffff");
        storage.appendEvents(event(user, 0));
        storage.appendEvents(event(user, 1));

        assertThatThrownBy(() -> storage.appendEvents(event(user, 1))).isInstanceOf(ConcurrencyException.class)
                .satisfies(conflict -> assertThat(Conflicts.isConflict(conflict)).isTrue());
    }

    private static GenericDomainEventMessage<UserEnabled> event(UserId user, long sequence) {
        return new GenericDomainEventMessage<>("User", user.value(), sequence, new UserEnabled(user, Instant.now()));
    }
}
