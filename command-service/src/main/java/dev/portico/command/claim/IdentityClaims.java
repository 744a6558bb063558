package dev.portico.command.claim;

import dev.portico.command.privacy.KeyStore;
import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.UserDeleted;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The set rule "an identity belongs to at most one user of an app", which no single user can decide.
 *
 * <p>Each {@code IdentityLinked} claims its identity in {@code identity_claims}, in the transaction that
 * appends the event: when two logins or links race for one identity, the primary key refuses the second,
 * its whole transaction (events included) rolls back, and a retry finds the winner through {@link #ownerOf}.
 * A claim is a keyed digest of (app, provider, subject), so the table names nobody; it is released with its
 * user. Replaying the events rebuilds the table for the living: the subject is sealed in the event under the
 * user's key, and only deleted users have lost theirs.
 */
@Component
@ProcessingGroup("client-views")
public class IdentityClaims {
    private final JdbcClient jdbc;
    private final PersonalDataVault vault;
    private final KeyStore keyStore;
    private volatile SecretKeySpec digestKey;

    public IdentityClaims(JdbcClient jdbc, PersonalDataVault vault, KeyStore keyStore) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.keyStore = keyStore;
    }

    /** The living user that holds the identity in the app, if any. */
    public Optional<UserId> ownerOf(AppId app, String providerId, String subject) {
        return jdbc.sql("SELECT user_id FROM identity_claims WHERE claim_digest = ?")
                .param(digest(app, providerId, subject))
                .query((rs, n) -> new UserId(rs.getString(1)))
                .optional();
    }

    /**
     * An anonymous identity is minted for one login and never presented again, so nobody can claim it twice and
     * nobody looks it up: it needs no claim. An API key's identity is found through its key ({@code api_keys}),
     * which names its owner: it needs none either. A user whose key is gone was deleted later in the history
     * (only a replay meets one): it claims nothing.
     */
    @EventHandler
    void on(IdentityLinked event) {
        if (event.providerType() == ProviderType.ANONYMOUS || event.providerType() == ProviderType.API_KEY) {
            return;
        }
        Optional<UserKey> key = vault.findKey(event.userId());
        if (key.isEmpty()) {
            return;
        }
        String subject = key.get().openText(event.subject());
        jdbc.sql("INSERT INTO identity_claims (claim_digest, app_id, user_id, identity_id) VALUES (?, ?, ?, ?)")
                .params(digest(event.appId(), event.providerId(), subject), event.appId().value(),
                        event.userId().value(), event.identityId().value())
                .update();
    }

    @EventHandler
    void on(UserDeleted event) {
        jdbc.sql("DELETE FROM identity_claims WHERE user_id = ?").param(event.userId().value()).update();
    }

    /**
     * The claim digest of an identity: HMAC-SHA256 of (app, provider, subject) under the key store's claim-digest
     * key. Other set rules over identities (one e-mail address per app, for local-userpass) key their rows by the
     * same digest, so that a row of theirs and the claim it becomes name the same identity.
     */
    public String digest(AppId app, String providerId, String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(digestKey());
            byte[] digest = mac.doFinal((app.value() + '\n' + providerId + '\n' + subject).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private SecretKeySpec digestKey() {
        SecretKeySpec key = digestKey;
        if (key == null) {
            key = new SecretKeySpec(keyStore.claimDigestKey(), "HmacSHA256");
            digestKey = key;
        }
        return key;
    }
}
