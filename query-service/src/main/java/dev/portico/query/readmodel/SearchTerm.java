package dev.portico.query.readmodel;

import java.util.Locale;

/** A personal field's keyed digest, as stored and as searched for. */
public record SearchTerm(Field field, String digest) {
    public enum Field {
        EMAIL,
        NAME;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
