package dev.portico.query.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import dev.portico.query.privacy.PersonalData;
import dev.portico.query.readmodel.CustomDataRepository;
import dev.portico.query.readmodel.IdentityRepository;
import dev.portico.query.readmodel.IdentityRow;
import dev.portico.query.readmodel.SessionRepository;
import dev.portico.query.readmodel.SessionRow;
import dev.portico.query.readmodel.UserRepository;
import dev.portico.query.readmodel.UserRow;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** The parts of a user that hold personal data, opened per request with the user's key and never kept open. */
@Component
public class UserDetailsHandler {
    private final UserRepository users;
    private final IdentityRepository identities;
    private final SessionRepository sessions;
    private final CustomDataRepository customData;
    private final PersonalData personalData;
    private final ObjectMapper json;

    public UserDetailsHandler(UserRepository users, IdentityRepository identities, SessionRepository sessions,
            CustomDataRepository customData, PersonalData personalData, ObjectMapper json) {
        this.users = users;
        this.identities = identities;
        this.sessions = sessions;
        this.customData = customData;
        this.personalData = personalData;
        this.json = json;
    }

    @QueryHandler
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<ProfileView> handle(FindProfile query) {
        UserId user = query.userId();
        return users.find(user).map(row -> {
            List<IdentityRow> linked = identities.findOf(List.of(user));
            Optional<SecretKey> key = personalData.keyOf(user);
            ObjectNode data = json.createObjectNode();
            key.ifPresent(k -> linked.stream().filter(identity -> identity.profile() != null)
                    .forEach(identity -> mergeMissing(data, personalData.open(k, user, identity.profile()))));
            return new ProfileView(user, row.type(), linked.stream()
                    .map(i -> new IdentityView(i.identityId(), i.providerType(), i.providerId(), i.linkedAt()))
                    .toList(), data, key.isEmpty());
        });
    }

    @QueryHandler
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<SessionsView> handle(FindSessions query) {
        UserId user = query.userId();
        if (users.find(user).isEmpty()) {
            return Optional.empty();
        }
        Optional<SecretKey> key = personalData.keyOf(user);
        return Optional.of(new SessionsView(sessions.latestOf(user, FindSessions.LIMIT).stream()
                .map(row -> session(row, device(key, user, row.client())))
                .toList()));
    }

    @QueryHandler
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<CustomDataView> handle(FindCustomData query) {
        UserId user = query.userId();
        if (users.find(user).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(customData.find(user)
                .flatMap(stored -> personalData.open(user, stored.document())
                        .map(document -> new CustomDataView(document, stored.changedAt())))
                .orElse(new CustomDataView(null, null)));
    }

    @QueryHandler
    public Long handle(CountEndedSessions query) {
        return sessions.isRevoked(query.sessionId()) ? 1L : 0L;
    }

    /** As the client API's profile: the first identity to name a field wins. */
    private static void mergeMissing(ObjectNode data, JsonNode profile) {
        profile.fields().forEachRemaining(field -> {
            if (!data.has(field.getKey())) {
                data.set(field.getKey(), field.getValue());
            }
        });
    }

    private JsonNode device(Optional<SecretKey> key, UserId user, SealedData client) {
        return client == null || key.isEmpty() ? null : personalData.open(key.get(), user, client);
    }

    private static SessionsView.Session session(SessionRow row, JsonNode device) {
        return new SessionsView.Session(row.sessionId(), row.identityId(), row.providerType(), row.deviceId(),
                text(device, "platform"), text(device, "platformVersion"), text(device, "sdkVersion"),
                text(device, "appVersion"), row.issuedAt(), row.expiresAt(), row.lastUsedAt(), row.revokedAt(),
                row.reason());
    }

    private static String text(JsonNode device, String field) {
        JsonNode value = device == null ? null : device.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
