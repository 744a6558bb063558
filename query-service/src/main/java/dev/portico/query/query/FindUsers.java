package dev.portico.query.query;

import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import dev.portico.query.readmodel.UserFilter;
import dev.portico.query.readmodel.UserState;
import java.time.Instant;
import java.util.Objects;

/**
 * A page of users; answered with a {@link UserPage}. Every null filter takes all users. {@code email} and
 * {@code name} are matched exactly after normalisation, through the blind index (never stored in clear).
 *
 * @param after where the previous page ended (null: the first page)
 * @param size  users per page, 1 to {@value #MAX_SIZE}
 */
public record FindUsers(AppId appId, ProviderType providerType, UserState state, String email, String name,
        Instant createdFrom, Instant createdBefore, UserFilter.Order order, UserFilter.Position after, int size) {
    public static final int MAX_SIZE = 200;

    public FindUsers {
        Objects.requireNonNull(order, "order");
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
        }
    }

    /** The first page of one app's users (or all, with a null app), oldest first. */
    public static FindUsers ofApp(AppId appId, int size) {
        return new FindUsers(appId, null, null, null, null, null, null, UserFilter.Order.CREATED_ASC, null, size);
    }

    public FindUsers after(UserFilter.Position position) {
        return new FindUsers(appId, providerType, state, email, name, createdFrom, createdBefore, order, position,
                size);
    }
}
