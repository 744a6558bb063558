package dev.portico.query.api;

import dev.portico.events.UserId;

/** Parsing of the read API's path and query parameters; each refusal is a 400 {@code InvalidParameter}. */
public final class Parameters {
    private Parameters() {
    }

    public static UserId userId(String id) {
        try {
            return new UserId(id);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidParameter("user id must be 24 lower-case hex characters");
        }
    }

    /** A cursor into a user's history: the position of the next event, as the previous page gave it. */
    public static long position(String cursor) {
        if (!cursor.matches("[0-9]{1,18}")) {
            throw ApiError.invalidParameter("cursor must be a next_cursor value of an earlier page");
        }
        return Long.parseLong(cursor);
    }

    static int limit(String limit, int max) {
        if (!limit.matches("[0-9]{1,4}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > max) {
            throw ApiError.invalidParameter("limit must be between 1 and " + max);
        }
        return Integer.parseInt(limit);
    }
}
