package dev.portico.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of what an attacker sends and no client would: bodies that are not a JSON object, or are one only
 * in part, or break a bound (size, depth, field count, string length, encoding), under any content type, and
 * bearer tokens that are not tokens. Every value is malformed by construction, so a service must refuse each.
 */
public final class HostileRequests {
    private HostileRequests() {
    }

    /** A request body no endpoint may accept. */
    public static Arbitrary<byte[]> malformedBodies() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(512)
                        .filter(bytes -> !startsLikeAnObject(bytes)),
                truncatedObjects(),
                deeplyNested(),
                oversized(),
                invalidUtf8(),
                duplicateKeys(),
                controlCharacters(),
                Arbitraries.of("[]", "null", "1", "\"x\"", "true", "{", "}", "{\"a\":}", "{\"a\" 1}", "{'a':1}",
                        "{\"a\":1,}", "{\"a\":NaN}", "{\"$numberInt\":\"x\"}", "{\"a\":{\"$oid\":\"zz\"}}")
                        .map(text -> text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Any content type, or none. */
    public static Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(Arbitraries.of("application/json", "application/json; charset=utf-8", "text/plain",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
                        "application/json; charset=latin1", "*/*", ""),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzJSON/;=-+.*,()@ ").ofMinLength(1).ofMaxLength(40)
                        .map(String::strip).filter(type -> !type.isEmpty()));
    }

    /** What arrives where a bearer token belongs: nothing a service issued. */
    public static Arbitrary<String> bogusAuthorizations() {
        return Arbitraries.oneOf(
                Arbitraries.of("Bearer", "Bearer ", "Bearer null", "Basic dXNlcjpwYXNz", "bearer a.b.c",
                        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Bearer ....", "Token x"),
                Arbitraries.strings().alpha().numeric().withChars('.', '-', '_').ofMinLength(1).ofMaxLength(300)
                        .map(token -> "Bearer " + token));
    }

    private static Arbitrary<byte[]> truncatedObjects() {
        String valid = "{\"options\":{\"device\":{\"deviceId\":\"65f000000000000000000001\",\"platform\":\"node\"}},"
                + "\"username\":\"a@b.c\",\"password\":\"secret1\"}";
        return Arbitraries.integers().between(1, valid.length() - 1)
                .map(n -> valid.substring(0, n).getBytes(StandardCharsets.UTF_8));
    }

    private static Arbitrary<byte[]> deeplyNested() {
        return Arbitraries.integers().between(20, 20_000)
                .map(depth -> ("{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static Arbitrary<byte[]> oversized() {
        return Combinators.combine(Arbitraries.of("options", "username", "key", "token"),
                        Arbitraries.integers().between(70_000, 3_000_000))
                .as((field, size) -> ("{\"" + field + "\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static Arbitrary<byte[]> invalidUtf8() {
        return Arbitraries.of(List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xE2, 0x28, (byte) 0xA1},
                        new byte[] {(byte) 0xF0, 0x28, (byte) 0x8C, 0x28}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}))
                .map(bad -> {
                    byte[] prefix = "{\"username\":\"".getBytes(StandardCharsets.UTF_8);
                    byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
                    byte[] body = new byte[prefix.length + bad.length + suffix.length];
                    System.arraycopy(prefix, 0, body, 0, prefix.length);
                    System.arraycopy(bad, 0, body, prefix.length, bad.length);
                    System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
                    return body;
                });
    }

    private static Arbitrary<byte[]> duplicateKeys() {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10)
                .map(key -> ("{\"" + key + "\":1,\"" + key + "\":2}").getBytes(StandardCharsets.UTF_8));
    }

    private static Arbitrary<byte[]> controlCharacters() {
        return Arbitraries.chars().range('\u0000', '\u001f').filter(c -> c != '\t' && c != '\n' && c != '\r')
                .map(c -> String.format("{\"username\":\"a\\u%04xb\"}", (int) c).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean startsLikeAnObject(byte[] bytes) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                continue;
            }
            return b == '{';
        }
        return true;
    }
}
