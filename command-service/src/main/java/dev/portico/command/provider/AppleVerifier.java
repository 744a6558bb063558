package dev.portico.command.provider;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.LoginProvider;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.UserType;
import java.time.Clock;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Sign in with Apple: an {@code id_token} issued by Apple for the app's client id (its Bundle ID or Services
 * ID). The identity is the token's {@code sub}. Apple's tokens carry no name, so of the profile fields only
 * {@code email} can be kept, and only when the app asks for it.
 */
@Component
class AppleVerifier implements IdentityVerifier {
    static final String NAME = ProviderType.APPLE.wireName();
    private static final Set<String> PROFILE_NAMES = Set.of("email");

    private final IdTokens idTokens;

    AppleVerifier(OAuthProperties properties, Clock clock) {
        this.idTokens = new IdTokens(NAME, properties.apple().jwksUri(), Set.of(properties.apple().issuer()),
                properties, clock);
    }

    @Override
    public ProviderType type() {
        return ProviderType.APPLE;
    }

    @Override
    public VerifiedIdentity verify(Credentials credentials, UserId candidateUserId) {
        LoginProvider provider = credentials.provider();
        String token = CredentialFields.string(NAME, credentials.fields(), "id_token", IdTokens.MAX_TOKEN_LENGTH)
                .orElseThrow(() -> new MalformedCredentials(NAME + ": expected id_token"));
        JWTClaimsSet claims = idTokens.verify(token, provider.config().path("clientId").asText());
        ObjectNode available = JsonNodeFactory.instance.objectNode();
        GoogleVerifier.putText(available, "email", GoogleVerifier.stringClaim(claims, "email"));
        return new VerifiedIdentity(ProviderType.APPLE, provider.id(), claims.getSubject(),
                ProfileFields.select(provider, available), UserType.NORMAL, false);
    }

    @Override
    public void checkConfiguration(LoginProvider provider, ConfigurationProblems problems) {
        OAuthChecks.clientId(provider, problems);
        if (provider.secret("clientSecret").isEmpty()) {
            // The client secret (a JWT of the app's) serves the web redirect flow, which this service does not offer.
            problems.warning("secret_config.clientSecret", NAME + " has no client secret: id_token logins work, "
                    + "the web redirect flow would need it");
        }
        ProfileFields.checkConfiguration(provider, PROFILE_NAMES, false, problems);
    }
}
