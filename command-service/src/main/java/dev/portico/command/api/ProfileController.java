package dev.portico.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.account.Account;
import dev.portico.command.account.Accounts;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /auth/profile}: realm-web needs {@code type}, {@code identities} and {@code data}. */
@RestController
class ProfileController {
    private final Accounts accounts;

    ProfileController(Accounts accounts) {
        this.accounts = accounts;
    }

    record Profile(@JsonProperty("user_id") String userId, @JsonProperty("domain_id") String domainId,
            List<IdentityView> identities, ObjectNode data, String type) {
    }

    record IdentityView(String id, @JsonProperty("provider_type") String providerType,
            @JsonProperty("provider_id") String providerId) {
    }

    @GetMapping("/api/client/v2.0/auth/profile")
    Profile profile(AccessToken token) {
        Account account = accounts.findInOpenSession(token.claims())
                .orElseThrow(ClientApiException::sessionEnded);
        return new Profile(account.userId().value(), token.claims().domainId(),
                account.identities().stream()
                        .map(i -> new IdentityView(i.id(), i.providerType(), i.providerId()))
                        .toList(),
                account.data(), account.type().name().toLowerCase(Locale.ROOT));
    }
}
