package dev.portico.command.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import com.nimbusds.jwt.proc.JWTProcessor;
import com.nimbusds.jose.KeySourceException;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.session.TokenProperties;
import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.UserType;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Custom JWT logins ({@code {"token": …}}): the token is verified by nimbus-jose-jwt's processor with the
 * provider's keys (HS256 or RS256 secrets, or an RS256 key set fetched from the JWK URI), its claims by the
 * library's claims verifier (audience, {@code exp} and {@code nbf} within the clock skew, {@code sub}
 * required). {@code sub} is the identity's subject; the configured metadata claims become the identity's
 * profile under their {@code field_name}, and a missing required one refuses the login. Every refusal is
 * {@code 401 AuthError} "invalid custom auth token: …", App Services' words.
 */
@Component
class CustomJwtVerifier implements IdentityVerifier {
    private static final Logger log = LoggerFactory.getLogger(CustomJwtVerifier.class);
    static final String INVALID = "invalid custom auth token: ";
    /** App Services' limits: a token of at most 1,000,000 characters, metadata fields of at most 4096. */
    static final int MAX_TOKEN_LENGTH = 1_000_000;
    static final int MAX_FIELD_LENGTH = 4096;
    /** A subject is sealed into the history; the metadata bound keeps a huge one out of it. */
    static final int MAX_SUBJECT_LENGTH = 4096;

    /**
     * Fetching the key set happens on a login's thread: bounded in time and size. Cached for five minutes;
     * a token naming an unknown key fetches it again at once (keys rotate), but at most twice in 30 seconds,
     * so tokens with made-up key ids cannot turn this service against the identity provider.
     */
    static final int JWKS_CONNECT_TIMEOUT_MS = 2_000;
    static final int JWKS_READ_TIMEOUT_MS = 3_000;
    static final int JWKS_SIZE_LIMIT_BYTES = 64 * 1024;
    static final long JWKS_CACHE_TTL_MS = 5 * 60_000;
    static final long JWKS_REFRESH_WAIT_MS = 6_000;
    static final long JWKS_MIN_REFETCH_INTERVAL_MS = 30_000;

    private record ProcessorKey(AppId app, LoginProvider provider) {
    }

    private final ObjectMapper json;
    private final Clock clock;
    private final int clockSkewSeconds;
    private final Map<ProcessorKey, JWTProcessor<SecurityContext>> processors = new ConcurrentHashMap<>();

    CustomJwtVerifier(ObjectMapper json, Clock clock, TokenProperties tokens) {
        this.json = json;
        this.clock = clock;
        this.clockSkewSeconds = Math.toIntExact(tokens.clockSkew().toSeconds());
    }

    @Override
    public ProviderType type() {
        return ProviderType.CUSTOM_JWT;
    }

    @Override
    public void checkConfiguration(LoginProvider provider, ConfigurationProblems problems) {
        CustomJwtSettings.parse(provider, problems);
    }

    @Override
    public VerifiedIdentity verify(Credentials credentials, UserId candidateUserId) {
        BsonValue token = credentials.fields().get("token");
        if (token == null || !token.isString() || token.asString().getValue().isEmpty()) {
            throw refused("no token");
        }
        if (token.asString().getValue().length() > MAX_TOKEN_LENGTH) {
            throw refused("the token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        JWTClaimsSet claims = verifiedClaims(processor(credentials), token.asString().getValue(), credentials.appId());
        String subject = claims.getSubject();
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw refused("sub is longer than " + MAX_SUBJECT_LENGTH + " characters");
        }
        return new VerifiedIdentity(ProviderType.CUSTOM_JWT, credentials.provider().id(), subject,
                profile(claims, credentials.provider().metadataFields()), UserType.NORMAL, false);
    }

    private JWTClaimsSet verifiedClaims(JWTProcessor<SecurityContext> processor, String token, AppId app) {
        SignedJWT jwt;
        try {
            // The processor would refuse an unsigned or encrypted token too, but in words meant for programmers.
            if (!(JWTParser.parse(token) instanceof SignedJWT signed)) {
                throw refused("the token is not a signed JWT");
            }
            jwt = signed;
        } catch (ParseException e) {
            throw refused("the token is not a signed JWT");
        }
        try {
            return processor.process(jwt, null);
        } catch (ExpiredJWTException e) {
            throw refused("the token has expired");
        } catch (BadJWTException e) {
            throw refused(e.getMessage());
        } catch (RateLimitReachedException e) {
            throw refused("no signing key matches the token");
        } catch (KeySourceException e) {
            // The identity provider's outage, not the client's mistake; the operator needs to hear of it.
            log.warn("the custom-token signing keys of app {} could not be fetched: {}", app, e.getMessage());
            throw refused("the signing keys could not be fetched");
        } catch (BadJOSEException e) {
            throw refused(e.getMessage());
        } catch (JOSEException e) {
            throw refused("the signature could not be checked");
        }
    }

    /** Each provider's processor is built once: the key set it fetches is cached inside it. */
    private JWTProcessor<SecurityContext> processor(Credentials credentials) {
        return processors.computeIfAbsent(new ProcessorKey(credentials.appId(), credentials.provider()), key -> {
            CustomJwtSettings settings = CustomJwtSettings.parse(key.provider(), new ConfigurationProblems());
            if (settings == null) {
                // Checked at start (IdentityVerifiers); only a provider that bypassed that check gets here.
                throw new IllegalStateException("custom-token provider " + key.provider().id() + " is misconfigured");
            }
            return processor(settings, key.app());
        });
    }

    private JWTProcessor<SecurityContext> processor(CustomJwtSettings settings, AppId app) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        if (settings.usesJwkUri()) {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(settings.jwkUri(),
                            new DefaultResourceRetriever(JWKS_CONNECT_TIMEOUT_MS, JWKS_READ_TIMEOUT_MS,
                                    JWKS_SIZE_LIMIT_BYTES))
                    .cache(JWKS_CACHE_TTL_MS, JWKS_REFRESH_WAIT_MS)
                    .rateLimited(JWKS_MIN_REFETCH_INTERVAL_MS)
                    .retrying(false)
                    .build();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        } else {
            processor.setJWSKeySelector(new ConfiguredKeySelector(settings.algorithm(),
                    new ImmutableJWKSet<>(new JWKSet(settings.keys()))));
        }
        Set<String> audiences = new HashSet<>(settings.audiences().isEmpty() ? List.of(app.value()) : settings.audiences());
        var claims = new ClaimsVerifier(audiences, !settings.requireAnyAudience(), clock);
        claims.setMaxClockSkew(clockSkewSeconds);
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }

    /** The configured metadata claims, under their field names; a dotted name is a path into nested claims. */
    private ObjectNode profile(JWTClaimsSet claims, List<LoginProvider.MetadataField> fields) {
        ObjectNode profile = json.createObjectNode();
        Map<String, Object> all = claims.toJSONObject();
        for (LoginProvider.MetadataField field : fields) {
            Object value = at(all, path(field.name()));
            if (value == null) {
                if (field.required()) {
                    throw refused("required metadata field '" + field.name() + "' is missing");
                }
                continue;
            }
            JsonNode node = json.valueToTree(value);
            if (length(node) > MAX_FIELD_LENGTH) {
                throw refused("metadata field '" + field.name() + "' is longer than " + MAX_FIELD_LENGTH + " characters");
            }
            profile.set(field.targetName(), node);
        }
        return profile;
    }

    private int length(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().length();
        }
        try {
            return json.writeValueAsString(node).length();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Splits {@code a.b\.c} into {@code a}, {@code b.c}: a dot escaped with a backslash is part of the name. */
    static List<String> path(String name) {
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("(?<!\\\\)\\.", -1)) {
            segments.add(segment.replace("\\.", "."));
        }
        return segments;
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> claims, List<String> path) {
        Object current = claims;
        for (String segment : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(segment);
        }
        return current;
    }

    private static LoginRefused refused(String reason) {
        return new LoginRefused("AuthError", INVALID + reason);
    }

    /**
     * The library's key selector, but a token's {@code kid} does not narrow the choice: configured secrets have
     * no key ids (App Services' settings give none), and a {@code kid} the identity provider sets for its own
     * bookkeeping must not hide them. Every configured key of the algorithm is tried.
     */
    private static final class ConfiguredKeySelector extends JWSVerificationKeySelector<SecurityContext> {
        ConfiguredKeySelector(JWSAlgorithm algorithm, JWKSource<SecurityContext> keys) {
            super(algorithm, keys);
        }

        @Override
        protected JWKMatcher createJWKMatcher(JWSHeader header) {
            if (!isAllowed(header.getAlgorithm())) {
                return null;
            }
            return new JWKMatcher.Builder().keyType(KeyType.forAlgorithm(header.getAlgorithm()))
                    .keyUses(KeyUse.SIGNATURE, null).algorithms(header.getAlgorithm(), null).build();
        }
    }

    /**
     * The library's claims verifier (accepted audiences, {@code exp} and {@code nbf} within the skew, required
     * claims) with the two checks it does not make: that the token names every configured audience when
     * {@code requireAnyAudience} is false (App Services' default; the library accepts any one), and that it
     * was not issued in the future ({@code iat} past the skew).
     */
    private static final class ClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
        private final Set<String> audiences;
        private final boolean requireAll;
        private final Clock clock;

        ClaimsVerifier(Set<String> audiences, boolean requireAll, Clock clock) {
            super(audiences, null, Set.of("sub", "exp"), null);
            this.audiences = Set.copyOf(audiences);
            this.requireAll = requireAll;
            this.clock = clock;
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            super.verify(claims, context);
            if (requireAll && !new HashSet<>(claims.getAudience()).containsAll(audiences)) {
                throw new BadJWTException("JWT audience rejected: every one of " + new TreeSet<>(audiences)
                        + " is required");
            }
            Date issued = claims.getIssueTime();
            if (issued != null && issued.getTime() - getMaxClockSkew() * 1000L > currentTime().getTime()) {
                throw new BadJWTException("JWT issued in the future");
            }
            try {
                String subject = claims.getStringClaim("sub");
                if (subject == null || subject.isBlank()) {
                    throw new BadJWTException("JWT sub is empty");
                }
            } catch (ParseException e) {
                throw new BadJWTException("JWT sub is not a string");
            }
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }
    }
}
