package dev.portico.query.api;

import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import dev.portico.query.query.FindUsers;
import dev.portico.query.readmodel.UserFilter;
import dev.portico.query.readmodel.UserState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/** The listing's query parameters, checked and turned into a {@link FindUsers}; each mistake is a 400. */
public final class ListingParameters {
    static final int DEFAULT_SIZE = 50;
    static final int MAX_EMAIL_LENGTH = 320;
    static final int MAX_NAME_LENGTH = 200;

    private ListingParameters() {
    }

    public static FindUsers parse(String appId, String providerType, String state, String email, String name,
            String createdFrom, String createdBefore, String sort, String size, String cursor) {
        UserFilter.Order order = order(sort);
        return new FindUsers(app(appId), provider(providerType), state(state),
                text("email", email, MAX_EMAIL_LENGTH), text("name", name, MAX_NAME_LENGTH),
                instant("created_from", createdFrom), instant("created_before", createdBefore), order,
                cursor == null ? null : Cursors.decode(cursor, order), size(size));
    }

    /** A size above the maximum is lowered to it, as a page may always hold fewer than asked. */
    static int size(String size) {
        if (size == null) {
            return DEFAULT_SIZE;
        }
        int value;
        try {
            value = Integer.parseInt(size.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalidParameter("size must be a whole number");
        }
        if (value < 1) {
            throw ApiError.invalidParameter("size must be 1 or more");
        }
        return Math.min(value, FindUsers.MAX_SIZE);
    }

    private static UserFilter.Order order(String sort) {
        if (sort == null || sort.equals("created_asc")) {
            return UserFilter.Order.CREATED_ASC;
        }
        if (sort.equals("created_desc")) {
            return UserFilter.Order.CREATED_DESC;
        }
        throw ApiError.invalidParameter("sort must be created_asc or created_desc");
    }

    public static AppId app(String appId) {
        if (appId == null) {
            return null;
        }
        if (appId.isBlank()) {
            throw ApiError.invalidParameter("app_id must not be empty");
        }
        try {
            return new AppId(appId);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidParameter("app_id must be at most 255 characters, without control characters");
        }
    }

    private static ProviderType provider(String providerType) {
        if (providerType == null) {
            return null;
        }
        return ProviderType.fromWireName(providerType).orElseThrow(() -> ApiError.invalidParameter(
                "provider_type must be one of " + Arrays.stream(ProviderType.values()).map(ProviderType::wireName)
                        .toList()));
    }

    private static UserState state(String state) {
        if (state == null) {
            return null;
        }
        return Arrays.stream(UserState.values()).filter(s -> s.wireName().equals(state)).findFirst()
                .orElseThrow(() -> ApiError.invalidParameter("state must be active or disabled"));
    }

    private static String text(String parameter, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > maxLength || value.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.invalidParameter(parameter + " must be 1 to " + maxLength
                    + " characters, without control characters");
        }
        return value;
    }

    private static Instant instant(String parameter, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw ApiError.invalidParameter(parameter + " must be an ISO-8601 instant such as 2026-03-01T12:00:00Z");
        }
    }
}
