package dev.portico.command.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.events.user.UserType;
import java.util.List;

/** A user as its own client sees it: type, identities and the providers' metadata merged into one object. */
public record Account(UserId userId, AppId appId, UserType type, boolean disabled, List<LinkedIdentity> identities,
        ObjectNode data) {

    /** One identity in the profile: {@code id} is the provider's subject. */
    public record LinkedIdentity(String id, String providerType, String providerId) {
    }
}
