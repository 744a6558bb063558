package dev.portico.command.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.events.UserType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads accounts for the client API's profile. */
@Component
public class Accounts {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public Accounts(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One round trip: the account row repeats once per identity (a user has a handful). */
    public Optional<Account> find(UserId userId) {
        record AccountRow(AppId appId, UserType type, boolean disabled) {
        }
        List<AccountRow> found = new ArrayList<>(1);
        List<Account.LinkedIdentity> identities = new ArrayList<>();
        ObjectNode data = json.createObjectNode();
        jdbc.sql("""
                SELECT a.app_id, a.user_type, a.disabled, i.subject, i.provider_type, i.provider_id, i.profile
                FROM accounts a LEFT JOIN account_identities i ON i.user_id = a.user_id
                WHERE a.user_id = ? ORDER BY i.linked_at""")
                .param(userId.value())
                .query(rs -> {
                    if (found.isEmpty()) {
                        found.add(new AccountRow(new AppId(rs.getString(1)), UserType.valueOf(rs.getString(2)),
                                rs.getBoolean(3)));
                    }
                    if (rs.getString(4) != null) {
                        identities.add(new Account.LinkedIdentity(rs.getString(4), rs.getString(5), rs.getString(6)));
                        mergeMissing(data, rs.getString(7));
                    }
                });
        return found.stream().findFirst()
                .map(row -> new Account(userId, row.appId(), row.type(), row.disabled(), List.copyOf(identities), data));
    }

    /** The first identity to name a field wins, so linking a provider never changes what the user saw. */
    private void mergeMissing(ObjectNode data, String profile) {
        if (profile == null) {
            return;
        }
        try {
            JsonNode fields = json.readTree(profile);
            fields.fields().forEachRemaining(f -> {
                if (!data.has(f.getKey())) {
                    data.set(f.getKey(), f.getValue());
                }
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored profile is not JSON", e);
        }
    }
}
