package dev.portico.command.command;

import dev.portico.events.IdentityId;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider's metadata about a linked identity changed; {@code profile} is the new one, sealed. */
public record UpdateIdentityProfile(@TargetAggregateIdentifier UserId userId, IdentityId identityId,
        SealedData profile) {
}
