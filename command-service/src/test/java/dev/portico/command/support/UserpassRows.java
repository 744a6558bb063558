package dev.portico.command.support;

import dev.portico.command.claim.IdentityClaims;
import dev.portico.command.userpass.EmailPasswordAccounts;
import dev.portico.events.AppId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the email/password tables hold for one address, found by its digest as the service finds it. */
public final class UserpassRows {
    private final JdbcClient jdbc;
    private final IdentityClaims claims;

    public UserpassRows(JdbcClient jdbc, IdentityClaims claims) {
        this.jdbc = jdbc;
        this.claims = claims;
    }

    public String digest(String app, String email) {
        return claims.digest(new AppId(app), UserpassApps.providerId(app), EmailPasswordAccounts.accountName(email));
    }

    public long credentials(String app, String email) {
        return jdbc.sql("SELECT count(*) FROM userpass_credentials WHERE address_digest = ?")
                .param(digest(app, email)).query(Long.class).single();
    }

    public long tokens(String app, String email) {
        return jdbc.sql("""
                SELECT count(*) FROM userpass_tokens t JOIN userpass_credentials c USING (credential_id)
                WHERE c.address_digest = ?""").param(digest(app, email)).query(Long.class).single();
    }

    public String passwordHash(String app, String email) {
        return jdbc.sql("SELECT password_hash FROM userpass_credentials WHERE address_digest = ?")
                .param(digest(app, email)).query(String.class).single();
    }

    public boolean pending(String app, String email) {
        return jdbc.sql("SELECT pending_until IS NOT NULL FROM userpass_credentials WHERE address_digest = ?")
                .param(digest(app, email)).query(Boolean.class).single();
    }

    /** Everything the tables hold for the address, to compare before and after a refused request. */
    public String snapshot(String app, String email) {
        return jdbc.sql("""
                SELECT coalesce(string_agg(c::text || '|' || coalesce(t::text, ''), ';' ORDER BY t.token_id), '')
                FROM userpass_credentials c LEFT JOIN userpass_tokens t USING (credential_id)
                WHERE c.address_digest = ?""").param(digest(app, email)).query(String.class).single();
    }

    /** Moves the address's links past their 30 minutes, as if that time had passed. */
    public void expireLinks(String app, String email) {
        jdbc.sql("""
                UPDATE userpass_tokens SET issued_at = issued_at - interval '31 minutes',
                                           expires_at = expires_at - interval '31 minutes'
                WHERE credential_id IN (SELECT credential_id FROM userpass_credentials WHERE address_digest = ?)""")
                .param(digest(app, email)).update();
    }
}
