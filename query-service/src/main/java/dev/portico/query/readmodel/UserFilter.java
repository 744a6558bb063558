package dev.portico.query.readmodel;

import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import java.time.Instant;

/**
 * Which users a listing takes; every null part takes all. The personal fields are given as their search-term
 * digests. {@code createdFrom} is inclusive, {@code createdBefore} exclusive.
 */
public record UserFilter(AppId app, ProviderType providerType, UserState state, SearchTerm email, SearchTerm name,
        Instant createdFrom, Instant createdBefore) {

    /** Where a page starts: after this user in the listing's order (exclusive). */
    public record Position(Instant createdAt, UserId userId) {
    }

    /** The listing's order: by creation time, then id, ascending or descending. */
    public enum Order {
        CREATED_ASC,
        CREATED_DESC
    }
}
