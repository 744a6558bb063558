package dev.portico.query.console;

import java.io.Serializable;
import java.util.Set;

/**
 * The operator signed in to the console: the name and scopes of the read API's credential it presented, and
 * that token, which the console hands on to the command-service's operator API so that the operator's own name
 * is recorded with every change. Kept in the server-side session only.
 */
public record ConsoleOperator(String name, Set<String> scopes, String token) implements Serializable {
    public ConsoleOperator {
        scopes = Set.copyOf(scopes);
    }

    public boolean may(String scope) {
        return scopes.contains(scope);
    }

    @Override
    public String toString() {
        return "ConsoleOperator[name=" + name + ", scopes=" + scopes + "]";
    }
}
