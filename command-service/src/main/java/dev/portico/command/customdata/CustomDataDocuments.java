package dev.portico.command.customdata;

import dev.portico.command.app.App;
import dev.portico.command.audit.AuditedCommands;
import dev.portico.command.audit.RequestContext;
import dev.portico.command.command.DeleteCustomData;
import dev.portico.command.command.PatchCustomData;
import dev.portico.command.command.ReplaceCustomData;
import dev.portico.command.domain.UserNotFound;
import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.events.Actor;
import dev.portico.events.AppId;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Users' custom data documents: written by internal services through the {@code User} (which holds the rules),
 * read from the {@code custom_data} view, and rendered for the access token's {@code user_data} claim.
 */
@Component
public class CustomDataDocuments {
    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final int MAX_ATTEMPTS = 3;

    private final AuditedCommands commands;
    private final PersonalDataVault vault;
    private final JdbcClient jdbc;

    public CustomDataDocuments(AuditedCommands commands, PersonalDataVault vault, JdbcClient jdbc) {
        this.commands = commands;
        this.vault = vault;
        this.jdbc = jdbc;
    }

    static String canonical(BsonDocument document) {
        return document.toJson(CANONICAL);
    }

    /** @throws UserNotFound when the app has no such user (never had, or deleted) */
    public void replace(AppId app, UserId user, BsonDocument document, Actor actor, RequestContext request) {
        send(new ReplaceCustomData(user, app, document), user, actor, request);
    }

    /** @throws UserNotFound when the app has no such user (never had, or deleted) */
    public void patch(AppId app, UserId user, BsonDocument patch, Actor actor, RequestContext request) {
        send(new PatchCustomData(user, app, patch), user, actor, request);
    }

    /** @throws UserNotFound when the app has no such user (never had, or deleted) */
    public void delete(AppId app, UserId user, Actor actor, RequestContext request) {
        send(new DeleteCustomData(user, app), user, actor, request);
    }

    /**
     * The user's document; empty when it has none.
     *
     * @throws UserNotFound when the app has no such user
     */
    public Optional<BsonDocument> find(AppId app, UserId user) {
        record Row(String appId, String sealed) {
        }
        Row row = jdbc.sql("SELECT a.app_id, c.sealed_document FROM accounts a"
                        + " LEFT JOIN custom_data c ON c.user_id = a.user_id WHERE a.user_id = ?")
                .param(user.value())
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2)))
                .optional()
                .filter(found -> found.appId().equals(app.value()))
                .orElseThrow(() -> new UserNotFound(user));
        if (row.sealed() == null) {
            return Optional.empty();
        }
        return vault.findKey(user).map(key -> open(key, new SealedData(row.sealed())));
    }

    /** The document of a user whose key is at hand (a login); empty when it has none. */
    public Optional<BsonDocument> find(UserKey key) {
        return jdbc.sql("SELECT sealed_document FROM custom_data WHERE user_id = ?")
                .param(key.owner().value())
                .query((rs, n) -> new SealedData(rs.getString(1)))
                .optional()
                .map(sealed -> open(key, sealed));
    }

    /**
     * The {@code user_data} claim of an access token: the document as plain JSON (spec 9.3: realm-web does not
     * decode EJSON there), with the user's id in the app's {@code user_id_field}; null without a document.
     *
     * @param key the user's key when a query already read it, else null
     */
    public Map<String, Object> claim(App app, UserId user, SealedData sealed, UserKey key) {
        if (sealed == null) {
            return null;
        }
        Optional<UserKey> opener = key != null ? Optional.of(key) : vault.findKey(user);
        return opener.map(k -> claim(app, user, open(k, sealed))).orElse(null);
    }

    public static Map<String, Object> claim(App app, UserId user, BsonDocument document) {
        Map<String, Object> claim = new LinkedHashMap<>();
        document.forEach((name, value) -> claim.put(name, plain(value)));
        if (app.customDataUserIdField() != null) {
            claim.put(app.customDataUserIdField(), user.value());
        }
        return claim;
    }

    /**
     * ObjectIds as their hex string, as App Services' documents showed {@code _id}; dates as ISO-8601 strings;
     * numbers as numbers; what has no JSON counterpart as a string.
     */
    private static Object plain(BsonValue value) {
        return switch (value.getBsonType()) {
            case DOCUMENT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.asDocument().forEach((name, field) -> map.put(name, plain(field)));
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                value.asArray().forEach(element -> list.add(plain(element)));
                yield list;
            }
            case STRING -> value.asString().getValue();
            case INT32 -> value.asInt32().getValue();
            case INT64 -> value.asInt64().getValue();
            case DOUBLE -> value.asDouble().getValue();
            case DECIMAL128 -> value.asDecimal128().getValue().toString();
            case BOOLEAN -> value.asBoolean().getValue();
            case NULL, UNDEFINED -> null;
            case OBJECT_ID -> value.asObjectId().getValue().toHexString();
            case DATE_TIME -> java.time.Instant.ofEpochMilli(value.asDateTime().getValue()).toString();
            case BINARY -> Base64.getEncoder().encodeToString(value.asBinary().getData());
            case TIMESTAMP -> value.asTimestamp().getValue();
            default -> value.toString();
        };
    }

    private static BsonDocument open(UserKey key, SealedData sealed) {
        return BsonDocument.parse(key.openText(sealed));
    }

    /**
     * Another instance may append to the user at the same moment; the event store refuses the second event
     * at a sequence number, and the command is simply tried again on the user as it now is.
     */
    private void send(Object command, UserId user, Actor actor, RequestContext request) {
        for (int n = 1; ; n++) {
            try {
                commands.send(command, actor, vault.findKey(user).orElse(null), request);
                return;
            } catch (AggregateNotFoundException e) { // deleted users too
                throw new UserNotFound(user);
            } catch (ConcurrencyException e) {
                if (n == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
