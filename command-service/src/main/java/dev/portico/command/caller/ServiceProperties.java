package dev.portico.command.caller;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The internal services allowed on the service API ({@code portico.services[n]}): a name, which the history
 * records as the actor, and a bearer token, given as the token itself or, better, as {@code sha256:<hex>} of it.
 */
@ConfigurationProperties("portico")
public record ServiceProperties(List<Service> services) {
    public ServiceProperties {
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** One service's name and token (or {@code sha256:<hex>} of it). */
    public record Service(String name, String token) {
        @Override
        public String toString() {
            return "Service[name=" + name + "]";
        }
    }
}
