package dev.portico.command.operator;

import dev.portico.command.caller.BearerTokens;
import dev.portico.events.Actor;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Authenticates operators by bearer token ({@link BearerTokens}: hashes only, constant-time comparison). An end
 * user's access or refresh token is not an operator token and is refused like any other unknown one.
 */
@Component
public class Operators {
    private final BearerTokens tokens;

    public Operators(OperatorProperties properties) {
        this.tokens = new BearerTokens(properties.operators().stream()
                .map(operator -> new BearerTokens.Holder(operator.name(), operator.token())).toList(),
                "portico.operators", "operator");
    }

    /** The operator whose token this is, as the actor the history records; empty for any other token. */
    public Optional<Actor> authenticate(String token) {
        return tokens.holderOf(token).map(Actor::operator);
    }
}
