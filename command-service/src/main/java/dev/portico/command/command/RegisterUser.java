package dev.portico.command.command;

import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.events.user.UserType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a user at its first login: {@code identity} becomes its first identity and {@code firstSession} its first session. */
public record RegisterUser(
        @TargetAggregateIdentifier UserId userId,
        AppId appId,
        UserType type,
        SealedIdentity identity,
        SessionGrant firstSession) {
}
