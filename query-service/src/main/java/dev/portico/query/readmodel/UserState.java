package dev.portico.query.readmodel;

import java.util.Arrays;
import java.util.Locale;

/** Whether a user may log in: an operator's {@code UserDisabled} and {@code UserEnabled} move it. */
public enum UserState {
    ACTIVE,
    DISABLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static UserState fromWireName(String name) {
        return Arrays.stream(values())
                .filter(state -> state.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown user state in the read model: " + name));
    }
}
