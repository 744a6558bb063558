package dev.portico.command.command;

import dev.portico.events.SessionId;
import java.time.Duration;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Note that the session was used now, unless a use within {@code interval} is recorded already. */
public record RecordSessionUse(@TargetAggregateIdentifier SessionId sessionId, Duration interval) {
}
