package dev.portico.query.publish;

import dev.portico.events.IdentityLinked;
import dev.portico.events.UserRegistered;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

/**
 * The login providers a user was registered with. {@code UserRegistered} does not name them: command-service
 * registers a user and links its first identity in one command, as {@code UserRegistered} directly followed
 * by {@code IdentityLinked} at the same instant. Both are committed together, so when the registration is seen
 * its identities can be read from the user's event stream, and the answer never depends on timing.
 */
@Component
public class RegistrationIdentities {
    private final EventStorageEngine events;

    public RegistrationIdentities(EventStorageEngine events) {
        this.events = events;
    }

    /** Wire names in link order, without repeats. */
    public List<String> providerTypes(UserRegistered registration, long sequenceNumber) {
        List<String> types = new ArrayList<>();
        DomainEventStream stream = events.readEvents(registration.userId().value(), sequenceNumber + 1);
        while (stream.hasNext()) {
            DomainEventMessage<?> next = stream.next();
            if (!(next.getPayload() instanceof IdentityLinked linked)
                    || !linked.linkedAt().equals(registration.registeredAt())) {
                break;
            }
            String type = linked.identity().providerType().wireName();
            if (!types.contains(type)) {
                types.add(type);
            }
        }
        return types;
    }
}
