package dev.portico.command.operator;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operators allowed on the operator API ({@code portico.operators[n]}): a name, which the history records
 * as the actor, and a bearer token, given either as the token itself or, better, as {@code sha256:} followed by
 * the hex SHA-256 of the token, so the configuration holds nothing that opens the API.
 */
@ConfigurationProperties("portico")
public record OperatorProperties(List<Operator> operators) {
    public OperatorProperties {
        operators = operators == null ? List.of() : List.copyOf(operators);
    }

    /** One operator's name and token (or {@code sha256:<hex>} of it). */
    public record Operator(String name, String token) {
        @Override
        public String toString() {
            return "Operator[name=" + name + "]";
        }
    }
}
