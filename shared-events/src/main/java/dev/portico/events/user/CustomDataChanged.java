package dev.portico.events.user;

import dev.portico.events.SealedData;
import dev.portico.events.UserEvent;
import dev.portico.events.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The user's custom data document is now {@code document}: the whole document after a create, replace or
 * patch (EJSON, sealed under the user's personal-data key like every other personal part), or null when it
 * was deleted. Written by internal services; end users only read it.
 */
@Revision("1")
public record CustomDataChanged(UserId userId, SealedData document, Instant changedAt) implements UserEvent {
}
