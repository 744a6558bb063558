package dev.portico.query.query;

import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.events.user.UserType;
import dev.portico.query.readmodel.UserState;
import java.time.Instant;
import java.util.List;

/** A user as queries return it; {@code lastLoginAt} is null until the first login. */
public record UserView(UserId id, AppId appId, UserType type, UserState state, List<IdentityView> identities,
        Instant createdAt, Instant lastLoginAt) {
    public UserView {
        identities = List.copyOf(identities);
    }
}
