package dev.portico.command.uniqueness;

import dev.portico.events.AppId;
import dev.portico.events.Identity;
import dev.portico.events.UserId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which user an identity belongs to. An aggregate cannot see other users, so "one user per identity" is a
 * set rule: this look-up decides between logging in and registering, and the primary key of
 * {@code account_identities} (written in the registering transaction) refuses the loser of a race.
 */
@Component
public class IdentityOwners {
    private final JdbcClient jdbc;

    public IdentityOwners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserId> ownerOf(AppId app, Identity identity) {
        return jdbc.sql("SELECT user_id FROM account_identities WHERE app_id = ? AND provider_id = ? AND subject = ?")
                .params(app.value(), identity.providerId(), identity.subject())
                .query((rs, n) -> new UserId(rs.getString(1)))
                .optional();
    }
}
