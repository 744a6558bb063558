package dev.portico.command.command;

import dev.portico.events.AppId;
import dev.portico.events.Identity;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import dev.portico.events.UserType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create a user at its first login: {@code identity} becomes its first identity ({@code profile} is that
 * provider's sealed metadata) and {@code firstSession} its first session.
 */
public record RegisterUser(
        @TargetAggregateIdentifier UserId userId,
        AppId appId,
        UserType type,
        Identity identity,
        SealedData profile,
        SessionGrant firstSession) {
}
