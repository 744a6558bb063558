package dev.portico.command.operator;

import dev.portico.events.Actor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Authenticates operators by bearer token. Only the tokens' SHA-256 hashes are kept, and every presented token
 * is compared with all of them in constant time, so neither memory nor timing gives a token away. An end
 * user's access or refresh token is not an operator token and is refused like any other unknown one. A bad
 * setting stops the start, naming the setting and the fix.
 */
@Component
public class Operators {
    /** Short tokens can be guessed; 32 characters of a random token are beyond that. */
    static final int MIN_TOKEN_LENGTH = 32;
    private static final String HASHED = "sha256:";
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

    private record Known(String name, byte[] tokenHash) {
    }

    private final List<Known> known = new ArrayList<>();

    public Operators(OperatorProperties properties) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < properties.operators().size(); i++) {
            OperatorProperties.Operator operator = properties.operators().get(i);
            String field = "portico.operators[" + i + "]";
            if (operator.name() == null || !NAME.matcher(operator.name()).matches()) {
                problems.add(field + ".name: an operator needs a name of 1 to 128 letters, digits, '.', '_', '@' or '-'");
                continue;
            }
            if (known.stream().anyMatch(k -> k.name().equals(operator.name()))) {
                problems.add(field + ".name: operator '" + operator.name() + "' is configured twice; give each its own name");
                continue;
            }
            String token = operator.token() == null ? "" : operator.token().trim();
            if (token.startsWith(HASHED)) {
                String hex = token.substring(HASHED.length());
                if (!HEX_SHA256.matcher(hex).matches()) {
                    problems.add(field + ".token: after 'sha256:' put the 64 hex digits of the token's SHA-256");
                    continue;
                }
                known.add(new Known(operator.name(), HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT))));
            } else if (token.length() < MIN_TOKEN_LENGTH) {
                problems.add(field + ".token: an operator token needs at least " + MIN_TOKEN_LENGTH
                        + " characters; use a random one, and give it as sha256:<hex of its SHA-256>");
            } else {
                known.add(new Known(operator.name(), sha256(token)));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the operator settings have errors:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** The operator whose token this is, as the actor the history records; empty for any other token. */
    public Optional<Actor> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        Known match = null;
        for (Known operator : known) {
            if (MessageDigest.isEqual(operator.tokenHash(), presented)) {
                match = operator;
            }
        }
        return match == null ? Optional.empty() : Optional.of(Actor.operator(match.name()));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
