package dev.portico.command.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.X509CertUtils;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.LoginProvider;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A custom-token provider's settings as App Services' export writes them (§3.6 of the app-config reference),
 * read leniently where real exports are loose (a string where a boolean belongs, an audience given as one
 * string, the legacy single {@code signingKey}) and checked where a mistake would let the wrong tokens in or
 * keep every token out. Either {@code useJWKURI} with a {@code jwkURI} (RS256, keys fetched), or
 * {@code signingAlgorithm} HS256 or RS256 with 1 to 3 {@code signingKeys} (secrets, resolved by the service).
 */
record CustomJwtSettings(JWSAlgorithm algorithm, URL jwkUri, List<JWK> keys, List<String> audiences,
        boolean requireAnyAudience, List<LoginProvider.MetadataField> metadataFields) {

    static final int MAX_SIGNING_KEYS = 3;
    /** App Services' rule for HS256 signing keys. */
    private static final Pattern HS256_KEY = Pattern.compile("[A-Za-z0-9_-]{32,512}");
    private static final int MIN_RSA_BITS = 2048;
    private static final String PEM_PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----";
    private static final String PEM_END = "-----END PUBLIC KEY-----";
    /** App Services: {@code field_name} must be shorter than 64 characters. */
    private static final int MAX_FIELD_NAME = 63;

    boolean usesJwkUri() {
        return jwkUri != null;
    }

    /**
     * The settings, or null when they have errors; each error (and each warning about something ignored) goes
     * to {@code problems} under its field, with the fix. Secret values never appear in a message.
     */
    static CustomJwtSettings parse(LoginProvider provider, ConfigurationProblems problems) {
        int errors = problems.errors().size();
        var config = provider.config();
        boolean useJwkUri = flag(config.get("useJWKURI"), "config.useJWKURI", problems);
        boolean requireAny = flag(config.get("requireAnyAudience"), "config.requireAnyAudience", problems);
        List<String> audiences = audiences(config.get("audience"), problems);
        String algorithmName = text(config.get("signingAlgorithm"), "config.signingAlgorithm", problems);
        List<String> secrets = signingKeys(provider);

        URL jwkUri = null;
        List<JWK> keys = List.of();
        JWSAlgorithm algorithm = JWSAlgorithm.RS256;
        if (useJwkUri) {
            jwkUri = jwkUri(text(config.get("jwkURI"), "config.jwkURI", problems), problems);
            if (!algorithmName.isEmpty() && !"RS256".equals(algorithmName)) {
                problems.error("config.signingAlgorithm", "a JWK URI serves RS256 keys, not " + algorithmName,
                        "remove config.signingAlgorithm or set it to \"RS256\"");
            }
            if (!secrets.isEmpty()) {
                problems.warning("secret_config.signingKeys", "ignored: with useJWKURI the keys come from config.jwkURI");
            }
        } else if ("HS256".equals(algorithmName) || "RS256".equals(algorithmName)) {
            algorithm = JWSAlgorithm.parse(algorithmName);
            keys = signingKeys(algorithm, secrets, problems);
        } else {
            problems.error("config.signingAlgorithm", algorithmName.isEmpty()
                            ? "no signing algorithm and no JWK URI: no token could be verified"
                            : "unsupported signing algorithm '" + algorithmName + "'",
                    "set config.signingAlgorithm to \"HS256\" or \"RS256\" with 1 to 3 secret_config.signingKeys, "
                            + "or set config.useJWKURI to true with a config.jwkURI");
        }
        checkMetadataFields(provider.metadataFields(), problems);
        if (problems.errors().size() > errors) {
            return null;
        }
        return new CustomJwtSettings(algorithm, jwkUri, keys, audiences, requireAny, provider.metadataFields());
    }

    /** Booleans as exports write them: true/false, "true"/"false", or "" (meaning unset). */
    private static boolean flag(JsonNode value, String field, ConfigurationProblems problems) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.textValue().trim().toLowerCase(Locale.ROOT);
            if (text.isEmpty() || text.equals("false")) {
                return false;
            }
            if (text.equals("true")) {
                return true;
            }
        }
        problems.error(field, "expected true or false, found " + value, "write " + field + " as true or false");
        return false;
    }

    private static String text(JsonNode value, String field, ConfigurationProblems problems) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            problems.error(field, "expected a string, found " + value.getNodeType().name().toLowerCase(Locale.ROOT),
                    "write " + field + " as a string");
            return "";
        }
        return value.textValue().trim();
    }

    /** A list of strings, one string, or nothing; empty means the token's audience must be the client app id. */
    private static List<String> audiences(JsonNode value, ConfigurationProblems problems) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isTextual()) {
            return value.textValue().isBlank() ? List.of() : List.of(value.textValue());
        }
        if (value.isArray()) {
            List<String> audiences = new ArrayList<>();
            for (JsonNode element : value) {
                if (!element.isTextual() || element.textValue().isBlank()) {
                    problems.error("config.audience", "every audience must be a non-empty string, found " + element,
                            "list the expected aud values as strings, e.g. [\"my-api\"]");
                } else {
                    audiences.add(element.textValue());
                }
            }
            return List.copyOf(audiences);
        }
        problems.error("config.audience", "expected a string or a list of strings",
                "write config.audience as e.g. [\"my-api\"], or [] for the client app id");
        return List.of();
    }

    /** {@code signingKeys}, or the single {@code signingKey} of older exports. */
    private static List<String> signingKeys(LoginProvider provider) {
        List<String> keys = provider.secrets().get("signingKeys");
        if (keys == null || keys.isEmpty()) {
            keys = provider.secrets().get("signingKey");
        }
        return keys == null ? List.of() : keys;
    }

    private static List<JWK> signingKeys(JWSAlgorithm algorithm, List<String> secrets, ConfigurationProblems problems) {
        if (secrets.isEmpty() || secrets.size() > MAX_SIGNING_KEYS) {
            problems.error("secret_config.signingKeys", secrets.size() + " signing keys resolved; "
                            + algorithm + " needs 1 to " + MAX_SIGNING_KEYS,
                    "name 1 to 3 secrets in secret_config.signingKeys and give the service their values");
            return List.of();
        }
        List<JWK> keys = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            String field = "secret_config.signingKeys[" + i + "]";
            String secret = secrets.get(i);
            if (JWSAlgorithm.HS256.equals(algorithm)) {
                if (secret == null || !HS256_KEY.matcher(secret).matches()) {
                    problems.error(field, "an HS256 signing key must be 32 to 512 ASCII letters, digits, '_' or '-'",
                            "give the secret a value of that form (the value is not shown here)");
                } else {
                    keys.add(new OctetSequenceKey.Builder(secret.getBytes(StandardCharsets.UTF_8))
                            .algorithm(JWSAlgorithm.HS256).keyUse(KeyUse.SIGNATURE).build());
                }
            } else {
                RSAKey key = rsaPublicKey(secret);
                if (key == null) {
                    problems.error(field, "an RS256 signing key must be an RSA public key (PEM or JWK)",
                            "give the secret the identity provider's public key, e.g. -----BEGIN PUBLIC KEY-----…");
                } else if (key.size() < MIN_RSA_BITS) {
                    problems.error(field, "the RSA key has " + key.size() + " bits; at least " + MIN_RSA_BITS
                            + " are needed", "use the identity provider's key of 2048 bits or more");
                } else {
                    keys.add(key);
                }
            }
        }
        return List.copyOf(keys);
    }

    /** A JWK, a PEM public key ({@code BEGIN PUBLIC KEY}) or a PEM certificate; null when it is none of them. */
    private static RSAKey rsaPublicKey(String secret) {
        if (secret == null) {
            return null;
        }
        String text = secret.trim();
        try {
            if (text.startsWith("{")) {
                return JWK.parse(text) instanceof RSAKey rsa ? rsa.toPublicJWK() : null;
            }
            if (text.startsWith("-----BEGIN CERTIFICATE-----")) {
                X509Certificate certificate = X509CertUtils.parse(text);
                return certificate == null ? null : RSAKey.parse(certificate).toPublicJWK();
            }
            if (text.startsWith(PEM_PUBLIC_KEY) && text.endsWith(PEM_END)) {
                byte[] der = Base64.getMimeDecoder().decode(
                        text.substring(PEM_PUBLIC_KEY.length(), text.length() - PEM_END.length()));
                PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
                return key instanceof RSAPublicKey rsa ? new RSAKey.Builder(rsa).build() : null;
            }
            return null;
        } catch (ParseException | JOSEException | GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The key set must come over https, where nobody on the way can swap in keys of their own; a loopback
     * address (an identity provider on the same host) is the one exception.
     */
    private static URL jwkUri(String value, ConfigurationProblems problems) {
        String fix = "set config.jwkURI to the https URL of the identity provider's JWK set";
        if (value.isEmpty()) {
            problems.error("config.jwkURI", "useJWKURI is true but there is no JWK URI", fix);
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && loopback(uri.getHost()))) {
                problems.error("config.jwkURI", "'" + value + "' is not an https URL", fix);
                return null;
            }
            return uri.toURL();
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            problems.error("config.jwkURI", "'" + value + "' is not a URL", fix);
            return null;
        }
    }

    private static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // Only literal addresses: a name would be resolved here, and could resolve elsewhere later.
            return host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void checkMetadataFields(List<LoginProvider.MetadataField> fields, ConfigurationProblems problems) {
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            LoginProvider.MetadataField field = fields.get(i);
            String at = "metadata_fields[" + i + "]";
            if (field.name() == null || field.name().isBlank()) {
                problems.error(at + ".name", "a metadata field names no claim",
                        "set name to the claim's path, e.g. \"email\" or \"profile.display_name\"");
                continue;
            }
            String target = field.targetName();
            if (target.length() > MAX_FIELD_NAME) {
                problems.error(at + ".field_name", "'" + target + "' is " + target.length() + " characters long",
                        "use a field_name shorter than 64 characters");
            } else if (!targets.add(target)) {
                problems.error(at + ".field_name", "another metadata field also fills '" + target + "'",
                        "give each metadata field its own field_name");
            }
        }
    }
}
