package dev.portico.command.caller;

import dev.portico.events.Actor;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Authenticates internal services (the service API) by bearer token, the way operators are ({@link BearerTokens}).
 * An end user's access or refresh token is no service token and is refused like any other unknown one.
 */
@Component
public class Services {
    private final BearerTokens tokens;

    public Services(ServiceProperties properties) {
        this.tokens = new BearerTokens(properties.services().stream()
                .map(service -> new BearerTokens.Holder(service.name(), service.token())).toList(),
                "portico.services", "service");
    }

    /** The service whose token this is, as the actor the history records; empty for any other token. */
    public Optional<Actor> authenticate(String token) {
        return tokens.holderOf(token).map(Actor::service);
    }
}
