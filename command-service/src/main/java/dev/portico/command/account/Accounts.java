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

    public Optional<Account> find(UserId userId) {
        record Row(AppId appId, UserType type, boolean disabled) {
        }
        Optional<Row> row = jdbc.sql("SELECT app_id, user_type, disabled FROM accounts WHERE user_id = ?")
                .param(userId.value())
                .query((rs, n) -> new Row(new AppId(rs.getString(1)), UserType.valueOf(rs.getString(2)), rs.getBoolean(3)))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        List<Account.LinkedIdentity> identities = new ArrayList<>();
        ObjectNode data = json.createObjectNode();
        jdbc.sql("SELECT subject, provider_type, provider_id, profile FROM account_identities WHERE user_id = ? ORDER BY linked_at")
                .param(userId.value())
                .query(rs -> {
                    identities.add(new Account.LinkedIdentity(rs.getString(1), rs.getString(2), rs.getString(3)));
                    mergeMissing(data, rs.getString(4));
                });
        return Optional.of(new Account(userId, row.get().appId(), row.get().type(), row.get().disabled(),
                List.copyOf(identities), data));
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
