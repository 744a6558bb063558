package dev.portico.query.query;

import dev.portico.events.AppId;

/**
 * A page of users ordered by creation time, then id; answered with a {@code List<UserView>}.
 *
 * @param appId only users of this app, or of every app when null
 * @param page  zero-based page number
 * @param size  users per page, 1 to {@value #MAX_SIZE}
 */
public record FindUsers(AppId appId, int page, int size) {
    public static final int MAX_SIZE = 200;

    public FindUsers {
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
        }
    }

    public long offset() {
        return (long) page * size;
    }
}
