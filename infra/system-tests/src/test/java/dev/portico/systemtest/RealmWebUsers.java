package dev.portico.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The users the realm-web tests created, as they recorded them (one JSON line per event): every user with its
 * anonymous identity, and for the users the tests ended, the deletion reason the server must have recorded
 * ({@code anonymous_logout} for a logged-out anonymous user, {@code user_request} for a deleted one).
 */
record RealmWebUsers(Map<String, User> byId) {
    /** {@code providers}: the provider type of each identity, in the order the user got them. */
    record User(String id, String identity, java.util.List<String> providers, String test, String endReason) {
        boolean ended() {
            return endReason != null;
        }
    }

    static RealmWebUsers read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the realm-web tests recorded no users (no " + file + ")");
        }
        ObjectMapper json = new ObjectMapper();
        Map<String, User> users = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = json.readTree(line);
            String id = entry.path("user").asText();
            switch (entry.path("event").asText()) {
                case "created" -> {
                    User previous = users.put(id, new User(id, entry.path("identity").asText(null),
                            java.util.List.of(entry.path("provider").asText()), entry.path("test").asText(), null));
                    if (previous != null) {
                        throw new IllegalStateException("user " + id + " recorded as created twice: " + file);
                    }
                }
                case "ended" -> {
                    User user = users.get(id);
                    if (user == null || user.ended()) {
                        throw new IllegalStateException("user " + id + " ended but not created, or ended twice: " + file);
                    }
                    users.put(id, new User(id, user.identity(), user.providers(), user.test(), entry.path("reason").asText()));
                }
                case "linked" -> {
                    User user = users.get(id);
                    if (user == null) {
                        throw new IllegalStateException("user " + id + " linked but not created: " + file);
                    }
                    var providers = new java.util.ArrayList<>(user.providers());
                    providers.add(entry.path("provider").asText());
                    users.put(id, new User(id, user.identity(), java.util.List.copyOf(providers), user.test(),
                            user.endReason()));
                }
                default -> throw new IllegalStateException("unknown entry in " + file + ": " + line);
            }
        }
        if (users.isEmpty()) {
            throw new IllegalStateException("the realm-web tests recorded no users in " + file);
        }
        return new RealmWebUsers(Collections.unmodifiableMap(users));
    }

    Set<String> ids() {
        return byId.keySet();
    }

    List<User> all() {
        return List.copyOf(byId.values());
    }

    List<User> ended() {
        return byId.values().stream().filter(User::ended).toList();
    }

    List<User> alive() {
        return byId.values().stream().filter(user -> !user.ended()).toList();
    }
}
