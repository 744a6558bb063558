package dev.portico.query.readmodel;

import dev.portico.events.IdentityId;
import dev.portico.events.UserId;
import java.util.Collection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code user_search_terms} table: keyed digests of personal fields, never the fields themselves. */
@Repository
public class SearchTermRepository {
    private final JdbcClient jdbc;

    public SearchTermRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces what one identity contributes; the user must be in the read model. */
    public void replace(UserId user, IdentityId identity, Collection<SearchTerm> terms) {
        jdbc.sql("DELETE FROM user_search_terms WHERE user_id = :user AND identity_id = :identity")
                .param("user", user.value())
                .param("identity", identity.value())
                .update();
        add(user, identity, terms);
    }

    /** Adds what one identity contributes, keeping what is there; the user must be in the read model. */
    public void add(UserId user, IdentityId identity, Collection<SearchTerm> terms) {
        for (SearchTerm term : terms) {
            jdbc.sql("""
                            INSERT INTO user_search_terms (user_id, identity_id, field, digest)
                            SELECT user_id, :identity, :field, :digest FROM users WHERE user_id = :user
                            ON CONFLICT DO NOTHING""")
                    .param("user", user.value())
                    .param("identity", identity.value())
                    .param("field", term.field().column())
                    .param("digest", term.digest())
                    .update();
        }
    }

    public void deleteOf(UserId user) {
        jdbc.sql("DELETE FROM user_search_terms WHERE user_id = ?").param(user.value()).update();
    }

    public void deleteAll() {
        jdbc.sql("DELETE FROM user_search_terms").update();
    }
}
