package dev.portico.command.userpass;

import dev.portico.command.claim.IdentityClaims;
import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.command.store.TimestampParameter;
import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.UserDeleted;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    private final PendingAddresses addresses;

    PasswordCredentials(JdbcClient jdbc, IdentityClaims claims, PersonalDataVault vault, PendingAddresses addresses) {
        this.jdbc = jdbc;
        this.claims = claims;
        this.vault = vault;
        this.addresses = addresses;
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
                .params(addressDigest, TimestampParameter.of(now))
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
     * @param address the address as registered: kept sealed for operators while the registration waits
     * @return the new credential's id, or empty when the address is taken
     */
    public Optional<String> register(AppId app, String addressDigest, String passwordHash, Instant pendingUntil,
            Instant now, String address) {
        jdbc.sql("DELETE FROM userpass_credentials WHERE address_digest = ? AND pending_until <= ?")
                .params(addressDigest, TimestampParameter.of(now)).update();
        String id = Ids.newId();
        int inserted = jdbc.sql("""
                INSERT INTO userpass_credentials (address_digest, credential_id, app_id, password_hash, pending_until,
                                                  registered_at, password_changed_at, sealed_address)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (address_digest) DO NOTHING""")
                .params(addressDigest, id, app.value(), passwordHash,
                        TimestampParameter.of(pendingUntil), TimestampParameter.of(now), TimestampParameter.of(now),
                        pendingUntil == null ? null : addresses.seal(id, address))
                .update();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    /** Confirmed, the address no longer waits: its sealed copy goes (it lives on in the user's identity). */
    public void confirm(String credentialId) {
        jdbc.sql("UPDATE userpass_credentials SET pending_until = NULL, sealed_address = NULL WHERE credential_id = ?")
                .param(credentialId).update();
    }

    void confirmationSent(String credentialId, Instant at) {
        jdbc.sql("UPDATE userpass_credentials SET confirmation_sent_at = ? WHERE credential_id = ?")
                .params(TimestampParameter.of(at), credentialId).update();
    }

    // --- pending registrations, for operators -------------------------------------------------------------

    /** A registration that waits for confirmation; {@code address} is empty when it was stored without one. */
    public record Pending(String credentialId, Optional<String> address, Instant registeredAt, Instant lapsesAt,
            Instant confirmationSentAt) {
    }

    /** Where a page of pending registrations starts: after this creation time and id. */
    public record PendingCursor(Instant registeredAt, String credentialId) {
    }

    private static final String PENDING_COLUMNS = """
            SELECT credential_id, sealed_address, registered_at, pending_until, confirmation_sent_at
            FROM userpass_credentials""";

    /**
     * The app's waiting registrations (lapsed ones no longer count) in creation order, then id.
     *
     * @param addressDigest only the registration of this address, or null for all
     */
    List<Pending> pending(AppId app, String addressDigest, PendingCursor after, int limit, Instant now) {
        // Conditions added only when asked for, so each query form keeps its index (the primary key, or the
        // app's pending registrations in order).
        List<Object> params = new ArrayList<>(List.of(app.value(), TimestampParameter.of(now)));
        StringBuilder sql = new StringBuilder(PENDING_COLUMNS).append(" WHERE app_id = ? AND pending_until > ?");
        if (addressDigest != null) {
            sql.append(" AND address_digest = ?");
            params.add(addressDigest);
        }
        if (after != null) {
            sql.append(" AND (registered_at, credential_id) > (?, ?)");
            params.add(TimestampParameter.of(after.registeredAt()));
            params.add(after.credentialId());
        }
        sql.append(" ORDER BY registered_at, credential_id LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> pending(rs)).list();
    }

    /** The app's registration with this id if it still waits, locked until the transaction ends. */
    Optional<Pending> lockPending(AppId app, String credentialId, Instant now) {
        return jdbc.sql(PENDING_COLUMNS + " WHERE credential_id = ? AND app_id = ? AND pending_until > ? FOR UPDATE")
                .params(credentialId, app.value(), TimestampParameter.of(now))
                .query((rs, n) -> pending(rs)).optional();
    }

    /** @return whether the app had this registration waiting; the address is free again */
    boolean deletePending(AppId app, String credentialId, Instant now) {
        return jdbc.sql("DELETE FROM userpass_credentials WHERE credential_id = ? AND app_id = ? AND pending_until > ?")
                .params(credentialId, app.value(), TimestampParameter.of(now)).update() == 1;
    }

    private Pending pending(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        Timestamp sent = rs.getTimestamp(5);
        return new Pending(id, addresses.open(id, rs.getString(2)), rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4).toInstant(), sent == null ? null : sent.toInstant());
    }

    /** @return the credential's address digest; empty when the credential is gone */
    public Optional<String> changePassword(String credentialId, String passwordHash, Instant now) {
        return jdbc.sql("UPDATE userpass_credentials SET password_hash = ?, password_changed_at = ?"
                        + " WHERE credential_id = ? RETURNING address_digest")
                .params(passwordHash, TimestampParameter.of(now), credentialId).query(String.class).optional();
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
        return jdbc.sql("DELETE FROM userpass_credentials WHERE pending_until <= ?").param(TimestampParameter.of(now))
                .update();
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
