package dev.portico.query.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured service credentials. Only SHA-256 digests of the tokens are kept; a presented token is hashed
 * and compared with every credential's digest by {@link MessageDigest#isEqual}, so neither the time taken nor
 * an early exit tells which one was close.
 */
public final class ClientCredentials {
    static final int MIN_TOKEN_LENGTH = 32;
    static final String LEGACY_NAME = "service";
    private static final int MAX_PRESENTED_LENGTH = 8192;
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-fA-F]{64}");

    /** A caller that authenticated with a service credential. */
    public record ServiceClient(String name, Set<String> scopes) {
        public ServiceClient {
            scopes = Set.copyOf(scopes);
        }
    }

    private record Entry(ServiceClient client, byte[] digest) {
    }

    private final List<Entry> entries;

    private ClientCredentials(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @throws MissingCredentials when there is none and anonymous reads were not allowed: an unguarded read API
     * must never happen by omission
     * @throws IllegalStateException naming the setting that is wrong
     */
    static ClientCredentials from(ReadApiProperties properties) {
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < properties.clients().size(); i++) {
            ReadApiProperties.Client client = properties.clients().get(i);
            String at = "portico.query.clients[" + i + "]";
            if (client.name() == null || client.name().isBlank() || !names.add(client.name())) {
                throw new IllegalStateException(at + ".name must be set and unique");
            }
            if (client.scopes() == null || client.scopes().isEmpty() || !Scopes.ALL.containsAll(client.scopes())) {
                throw new IllegalStateException(at + ".scopes must name one or more of " + Scopes.ALL);
            }
            entries.add(new Entry(new ServiceClient(client.name(), client.scopes()), digestOf(at, client.token())));
        }
        if (properties.hasServiceToken()) {
            if (!names.add(LEGACY_NAME)) {
                throw new IllegalStateException("a client is named \"" + LEGACY_NAME + "\", the name of "
                        + "portico.query.service-token's credential");
            }
            entries.add(new Entry(new ServiceClient(LEGACY_NAME, Scopes.READ), sha256(properties.serviceToken())));
        }
        if (entries.isEmpty() && !properties.allowAnonymousReads()) {
            throw new MissingCredentials();
        }
        return new ClientCredentials(entries);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The console's sign-in: the credential must be the one of that name. An end user's access token is no
     * credential and never matches.
     */
    public Optional<ServiceClient> signIn(String name, String token) {
        if (name == null || token == null || token.length() > MAX_PRESENTED_LENGTH) {
            return Optional.empty();
        }
        return match(token).filter(client -> client.name().equals(name));
    }

    Optional<ServiceClient> match(String presented) {
        byte[] digest = sha256(presented);
        ServiceClient found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest) && found == null) {
                found = entry.client();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digestOf(String at, String token) {
        if (token != null && DIGEST.matcher(token).matches()) {
            return HexFormat.of().parseHex(token.substring("sha256:".length()).toLowerCase(java.util.Locale.ROOT));
        }
        if (token == null || token.length() < MIN_TOKEN_LENGTH || token.isBlank()) {
            throw new IllegalStateException(at + ".token must be sha256:<64 hex digits> or at least "
                    + MIN_TOKEN_LENGTH + " characters");
        }
        return sha256(token);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
