package dev.portico.query.api;

import dev.portico.events.UserId;
import dev.portico.query.readmodel.UserFilter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The listing's opaque cursor: where the previous page ended, (created_at, id), and the order it was read in.
 * Callers must not build or read it; its layout may change.
 */
public final class Cursors {
    private static final String VERSION = "1";
    private static final int MAX_LENGTH = 128;

    private Cursors() {
    }

    public static String encode(UserFilter.Order order, UserFilter.Position position) {
        Instant at = position.createdAt();
        String plain = String.join("|", VERSION, order.name(), Long.toString(at.getEpochSecond()),
                Integer.toString(at.getNano()), position.userId().value());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static UserFilter.Position decode(String cursor, UserFilter.Order order) {
        if (cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 5 || !parts[0].equals(VERSION)) {
                throw invalid();
            }
            if (!parts[1].equals(order.name())) {
                throw ApiError.invalidParameter("cursor belongs to another sort order");
            }
            return new UserFilter.Position(Instant.ofEpochSecond(Long.parseLong(parts[2]), Long.parseLong(parts[3])),
                    new UserId(parts[4]));
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw invalid();
        }
    }

    private static ApiError invalid() {
        return ApiError.invalidParameter("cursor is not one this API gave out");
    }
}
