package dev.portico.events;

import java.util.Objects;

/**
 * Who caused an event, as auditors read it: the user itself, an operator, an internal service, or the system
 * (expiry, clean-up). Stored in the event's metadata as {@code <kind>:<id>}, or {@code system}.
 */
public record Actor(Kind kind, String id) {
    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, null);

    public enum Kind { USER, OPERATOR, SERVICE, SYSTEM }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.SYSTEM) != (id == null)) {
            throw new IllegalArgumentException("the system has no id; every other actor has one");
        }
        if (id != null && !id.matches("[A-Za-z0-9._@-]{1,128}")) {
            throw new IllegalArgumentException("actor ids are 1 to 128 letters, digits, '.', '_', '@' or '-'");
        }
    }

    public static Actor user(UserId user) {
        return new Actor(Kind.USER, user.value());
    }

    public static Actor operator(String name) {
        return new Actor(Kind.OPERATOR, name);
    }

    public static Actor service(String name) {
        return new Actor(Kind.SERVICE, name);
    }

    public static Actor parse(String encoded) {
        if ("system".equals(encoded)) {
            return SYSTEM;
        }
        int colon = encoded.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("an actor reads <kind>:<id> or system");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(encoded.substring(0, colon).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown kind of actor in " + encoded, e);
        }
        return new Actor(kind, encoded.substring(colon + 1));
    }

    public String encoded() {
        return kind == Kind.SYSTEM ? "system" : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }

    @Override
    public String toString() {
        return encoded();
    }
}
