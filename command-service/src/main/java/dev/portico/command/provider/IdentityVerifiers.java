package dev.portico.command.provider;

import dev.portico.events.identity.ProviderType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The verifier for each kind of provider this build supports. */
@Component
public class IdentityVerifiers {
    private final Map<ProviderType, IdentityVerifier> byType = new EnumMap<>(ProviderType.class);

    public IdentityVerifiers(List<IdentityVerifier> verifiers) {
        verifiers.forEach(v -> byType.put(v.type(), v));
    }

    public Optional<IdentityVerifier> forType(ProviderType type) {
        return Optional.ofNullable(byType.get(type));
    }
}
