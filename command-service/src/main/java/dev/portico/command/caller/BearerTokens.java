package dev.portico.command.caller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Named bearer tokens configured at start-up (operators, internal services). Only the tokens' SHA-256 hashes
 * are kept, and every presented token is compared with all of them in constant time, so neither memory nor
 * timing gives a token away. A token is given either in clear or, better, as {@code sha256:} followed by the
 * hex SHA-256 of the token, so the configuration holds nothing that opens the API. A bad setting stops the
 * start, naming the setting and the fix, never the token.
 */
public final class BearerTokens {
    /** Short tokens can be guessed; 32 characters of a random token are beyond that. */
    public static final int MIN_TOKEN_LENGTH = 32;
    private static final String HASHED = "sha256:";
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

    /** One configured holder: its name and its token (or {@code sha256:<hex>} of it). */
    public record Holder(String name, String token) {
        @Override
        public String toString() {
            return "Holder[name=" + name + "]";
        }
    }

    private record Known(String name, byte[] tokenHash) {
    }

    private final List<Known> known = new ArrayList<>();

    /**
     * @param setting what the settings are called, e.g. {@code portico.operators}
     * @param kind    what one holder is called in messages, e.g. {@code operator}
     */
    public BearerTokens(List<Holder> holders, String setting, String kind) {
        String article = ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < holders.size(); i++) {
            Holder holder = holders.get(i);
            String field = setting + "[" + i + "]";
            if (holder.name() == null || !NAME.matcher(holder.name()).matches()) {
                problems.add(field + ".name: an " + kind + " needs a name of 1 to 128 letters, digits, '.', '_', '@' or '-'");
                continue;
            }
            if (known.stream().anyMatch(k -> k.name().equals(holder.name()))) {
                problems.add(field + ".name: " + kind + " '" + holder.name() + "' is configured twice; give each its own name");
                continue;
            }
            String token = holder.token() == null ? "" : holder.token().trim();
            if (token.startsWith(HASHED)) {
                String hex = token.substring(HASHED.length());
                if (!HEX_SHA256.matcher(hex).matches()) {
                    problems.add(field + ".token: after 'sha256:' put the 64 hex digits of the token's SHA-256");
                    continue;
                }
                known.add(new Known(holder.name(), HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT))));
            } else if (token.length() < MIN_TOKEN_LENGTH) {
                problems.add(field + ".token: an " + kind + " token needs at least " + MIN_TOKEN_LENGTH
                        + " characters; use a random one, and give it as sha256:<hex of its SHA-256>");
            } else {
                known.add(new Known(holder.name(), sha256(token)));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the " + kind + " settings have errors:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** The name of the holder of this token; empty for any other token. */
    public Optional<String> holderOf(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        Known match = null;
        for (Known holder : known) {
            if (MessageDigest.isEqual(holder.tokenHash(), presented)) {
                match = holder;
            }
        }
        return match == null ? Optional.empty() : Optional.of(match.name());
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
