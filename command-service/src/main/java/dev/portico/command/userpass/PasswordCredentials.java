package dev.portico.command.userpass;

import dev.portico.command.claim.IdentityClaims;
import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.UserDeleted;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The registered addresses of the email/password provider ({@code userpass_credentials}), each named by its
 * claim digest, with its password hash and whether it is confirmed yet.
 *
 * <p>A credential is not a user: it becomes the identity of one at its first login (or when a user links
 * it), through the same claim as every other identity. Until then nothing in the history knows it, so an
 * address that registers and never confirms leaves no trace there. A credential goes with its user: deleting
 * the user deletes the credential, and logging in with it fails afterwards, as App Services did.
 */
@Component
@ProcessingGroup("client-views")
public class PasswordCredentials {
    private final JdbcClient jdbc;
    private final IdentityClaims claims;
    private final PersonalDataVault vault;

    public PasswordCredentials(JdbcClient jdbc, IdentityClaims claims, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.claims = claims;
        this.vault = vault;
    }

    /** A registered address as stored: {@code pending} while it is unconfirmed. */
    public record Credential(String credentialId, AppId appId, String addressDigest, String passwordHash,
            boolean pending) {
    }

    /** The credential that holds the address now (an unconfirmed one only until its registration lapses). */
    public Optional<Credential> find(String addressDigest, Instant now) {
        return jdbc.sql("""
                SELECT credential_id, app_id, address_digest, password_hash, pending_until IS NOT NULL
                FROM userpass_credentials WHERE address_digest = ? AND (pending_until IS NULL OR pending_until > ?)""")
                .params(addressDigest, Timestamp.from(now))
                .query((rs, n) -> new Credential(rs.getString(1), new AppId(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5)))
                .optional();
    }

    /**
     * Registers the address unless a credential holds it. A lapsed unconfirmed registration gives way. Two
     * registrations racing for one address: the primary key makes the second wait for the first and then
     * find the address taken.
     *
     * @param pendingUntil null to register it confirmed
     * @return the new credential's id, or empty when the address is taken
     */
    public Optional<String> register(AppId app, String addressDigest, String passwordHash, Instant pendingUntil,
            Instant now) {
        jdbc.sql("DELETE FROM userpass_credentials WHERE address_digest = ? AND pending_until <= ?")
                .params(addressDigest, Timestamp.from(now)).update();
        String id = Ids.newId();
        int inserted = jdbc.sql("""
                INSERT INTO userpass_credentials (address_digest, credential_id, app_id, password_hash, pending_until,
                                                  registered_at, password_changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (address_digest) DO NOTHING""")
                .params(addressDigest, id, app.value(), passwordHash,
                        pendingUntil == null ? null : Timestamp.from(pendingUntil), Timestamp.from(now), Timestamp.from(now))
                .update();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    public void confirm(String credentialId) {
        jdbc.sql("UPDATE userpass_credentials SET pending_until = NULL WHERE credential_id = ?").param(credentialId).update();
    }

    /** @return the credential's address digest; empty when the credential is gone */
    public Optional<String> changePassword(String credentialId, String passwordHash, Instant now) {
        return jdbc.sql("UPDATE userpass_credentials SET password_hash = ?, password_changed_at = ?"
                        + " WHERE credential_id = ? RETURNING address_digest")
                .params(passwordHash, Timestamp.from(now), credentialId).query(String.class).optional();
    }

    /**
     * Replaces a hash made at an older cost, unless the password changed meanwhile (a reset must not be undone
     * by a login that verified the old password just before).
     */
    public void rehash(String credentialId, String oldHash, String newHash) {
        jdbc.sql("UPDATE userpass_credentials SET password_hash = ? WHERE credential_id = ? AND password_hash = ?")
                .params(newHash, credentialId, oldHash).update();
    }

    /** An unconfirmed registration withdrawn (a confirmation function said fail): the address is free again. */
    public void withdraw(String credentialId) {
        jdbc.sql("DELETE FROM userpass_credentials WHERE credential_id = ? AND pending_until IS NOT NULL")
                .param(credentialId).update();
    }

    /** Unconfirmed registrations whose time has passed; their links go with them. */
    int purgeLapsed(Instant now) {
        return jdbc.sql("DELETE FROM userpass_credentials WHERE pending_until <= ?").param(Timestamp.from(now)).update();
    }

    /** The credential now logs in as this user (its first login created the user, or the user linked it). */
    @EventHandler
    void on(IdentityLinked event) {
        if (event.providerType() != ProviderType.EMAIL_PASSWORD) {
            return;
        }
        Optional<UserKey> key = vault.findKey(event.userId());
        if (key.isEmpty()) {
            return; // a replay meeting a user deleted later in the history
        }
        String digest = claims.digest(event.appId(), event.providerId(), key.get().openText(event.subject()));
        jdbc.sql("UPDATE userpass_credentials SET user_id = ? WHERE address_digest = ?")
                .params(event.userId().value(), digest).update();
    }

    @EventHandler
    void on(UserDeleted event) {
        deleteOf(event.userId());
    }

    void deleteOf(UserId user) {
        jdbc.sql("DELETE FROM userpass_credentials WHERE user_id = ?").param(user.value()).update();
    }
}
