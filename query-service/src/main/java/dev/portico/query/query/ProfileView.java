package dev.portico.query.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.events.UserId;
import dev.portico.events.user.UserType;
import java.util.List;

/**
 * A user's profile: the metadata its identities' providers gave, merged as the client API's profile merges it
 * (the first identity linked that names a field wins). {@code erased} when the user's key is gone.
 */
public record ProfileView(UserId userId, UserType type, List<IdentityView> identities, ObjectNode data,
        boolean erased) {
}
