package dev.portico.command.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.command.session.AccessTokenClaims;
import dev.portico.command.session.SessionStore;
import dev.portico.command.store.TimestampParameter;
import dev.portico.events.AppId;
import dev.portico.events.IdentityId;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import dev.portico.events.user.UserType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads accounts for the client API's profile, opening the sealed identities with the user's key. */
@Component
public class Accounts {
    private final JdbcClient jdbc;
    private final PersonalDataVault vault;
    private final ObjectMapper json;
    private final Clock clock;

    public Accounts(JdbcClient jdbc, PersonalDataVault vault, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.vault = vault;
        this.json = json;
    }

    /** One round trip: the account row repeats once per identity (a user has a handful), with the user's key. */
    public Optional<Account> find(UserId userId) {
        return find(userId, "FROM accounts a", "a.user_id = ?", userId.value());
    }

    /**
     * The account of an access token's user, if the token's session is still open: the profile's session check
     * and its read in one round trip.
     */
    public Optional<Account> findInOpenSession(AccessTokenClaims token) {
        return find(token.userId(), "FROM sessions s JOIN accounts a ON a.user_id = s.user_id",
                "s.session_id = ? AND s.user_id = ? AND s.app_id = ? AND " + SessionStore.OPEN_SESSION,
                token.sessionId().value(), token.userId().value(), token.appId().value(),
                TimestampParameter.of(clock.instant()));
    }

    private Optional<Account> find(UserId userId, String from, String where, Object... params) {
        record AccountRow(AppId appId, UserType type, boolean disabled) {
        }
        record IdentityRow(String providerType, String providerId, SealedData subject, SealedData profile) {
        }
        Optional<String> keys = vault.joinableKeyTable();
        List<AccountRow> found = new ArrayList<>(1);
        List<IdentityRow> rows = new ArrayList<>();
        List<UserKey> joinedKey = new ArrayList<>(1);
        jdbc.sql("SELECT a.app_id, a.user_type, a.disabled, i.provider_type, i.provider_id, i.sealed_subject,"
                        + " i.sealed_profile" + keys.map(table -> ", k.key_id, k.key_bytes").orElse("")
                        + " " + from + " LEFT JOIN account_identities i ON i.user_id = a.user_id"
                        + keys.map(table -> " LEFT JOIN " + table + " k ON k.user_id = a.user_id").orElse("")
                        + " WHERE " + where + " ORDER BY i.linked_at")
                .params(params)
                .query(rs -> {
                    if (found.isEmpty()) {
                        found.add(new AccountRow(new AppId(rs.getString(1)), UserType.valueOf(rs.getString(2)),
                                rs.getBoolean(3)));
                        if (keys.isPresent() && rs.getString(8) != null) {
                            joinedKey.add(vault.key(userId, rs.getString(8), rs.getBytes(9)));
                        }
                    }
                    if (rs.getString(4) != null) {
                        rows.add(new IdentityRow(rs.getString(4), rs.getString(5), new SealedData(rs.getString(6)),
                                rs.getString(7) == null ? null : new SealedData(rs.getString(7))));
                    }
                });
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Optional<UserKey> key = keys.isPresent() ? joinedKey.stream().findFirst() : vault.findKey(userId);
        if (key.isEmpty()) {
            return Optional.empty(); // erased: the user is being deleted
        }
        List<Account.LinkedIdentity> identities = new ArrayList<>(rows.size());
        ObjectNode data = json.createObjectNode();
        for (IdentityRow row : rows) {
            identities.add(new Account.LinkedIdentity(key.get().openText(row.subject()), row.providerType(),
                    row.providerId()));
            if (row.profile() != null) {
                mergeMissing(data, key.get().open(row.profile()));
            }
        }
        AccountRow account = found.get(0);
        return Optional.of(new Account(userId, account.appId(), account.type(), account.disabled(),
                List.copyOf(identities), data));
    }

    /**
     * Locks the user's account row until the transaction ends and answers the app it belongs to; empty when
     * there is no such user (any more). Every change to an existing user takes this lock first, and every login
     * of one takes {@link #lockForLogin} first: so a user's changes take turns in one order instead of failing
     * on each other's appends, and a session cannot open while its user is being disabled (which ends all
     * sessions it can see).
     */
    public Optional<AppId> lockForChange(UserId userId) {
        return jdbc.sql("SELECT app_id FROM accounts WHERE user_id = ? FOR UPDATE")
                .param(userId.value())
                .query((rs, n) -> new AppId(rs.getString(1)))
                .optional();
    }

    /** A shared lock: logins of one user go on side by side, a change of the user waits for them. */
    public void lockForLogin(UserId userId) {
        jdbc.sql("SELECT 1 FROM accounts WHERE user_id = ? FOR SHARE").param(userId.value()).query(Integer.class).list();
    }

    /** The profile an identity of the user holds now, sealed; empty when it has none. */
    public Optional<SealedData> sealedProfile(UserId userId, IdentityId identityId) {
        return jdbc.sql("SELECT sealed_profile FROM account_identities WHERE user_id = ? AND identity_id = ?")
                .params(userId.value(), identityId.value())
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)).map(SealedData::new))
                .optional()
                .flatMap(profile -> profile);
    }

    /** The first identity to name a field wins, so linking a provider never changes what the user saw. */
    private static void mergeMissing(ObjectNode data, JsonNode profile) {
        profile.fields().forEachRemaining(f -> {
            if (!data.has(f.getKey())) {
                data.set(f.getKey(), f.getValue());
            }
        });
    }
}
