package dev.portico.command.api;

import dev.portico.command.app.App;
import dev.portico.command.customdata.CustomDataDocuments;
import dev.portico.events.UserId;
import jakarta.servlet.http.HttpServletRequest;
import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service API of custom user data, {@code /api/service/v1/apps/{appId}/users/{userId}/custom-data}: internal
 * services ({@code portico.services}) create or replace ({@code PUT}, the whole document), change ({@code PATCH},
 * a JSON merge patch, RFC 7396), delete and read a user's document. Bodies are Extended JSON like the client
 * API's; answers are relaxed Extended JSON. End users only read their document, in their access token.
 */
@RestController
class ServiceCustomDataController {
    private static final String PATH = "/api/service/v1/apps/{appId}/users/{userId}/custom-data";
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final Apps apps;
    private final CustomDataDocuments documents;

    ServiceCustomDataController(Apps apps, CustomDataDocuments documents) {
        this.apps = apps;
        this.documents = documents;
    }

    @GetMapping(PATH)
    ResponseEntity<String> read(ServiceCaller caller, @PathVariable String appId, @PathVariable String userId) {
        App app = apps.require(appId);
        return current(app, user(userId));
    }

    @PutMapping(PATH)
    ResponseEntity<String> replace(ServiceCaller caller, @PathVariable String appId, @PathVariable String userId,
            EjsonBody body, HttpServletRequest request) {
        App app = apps.require(appId);
        UserId user = user(userId);
        documents.replace(app.id(), user, body.fields(), caller.actor(), RequestContexts.of(request));
        return current(app, user);
    }

    @PatchMapping(PATH)
    ResponseEntity<String> patch(ServiceCaller caller, @PathVariable String appId, @PathVariable String userId,
            EjsonBody body, HttpServletRequest request) {
        App app = apps.require(appId);
        UserId user = user(userId);
        documents.patch(app.id(), user, body.fields(), caller.actor(), RequestContexts.of(request));
        return current(app, user);
    }

    @DeleteMapping(PATH)
    ResponseEntity<Void> delete(ServiceCaller caller, @PathVariable String appId, @PathVariable String userId,
            HttpServletRequest request) {
        App app = apps.require(appId);
        documents.delete(app.id(), user(userId), caller.actor(), RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<String> current(App app, UserId user) {
        BsonDocument document = documents.find(app.id(), user).orElseThrow(() -> new ClientApiException(
                HttpStatus.NOT_FOUND, ErrorCode.NotFound, "the user has no custom data"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document.toJson(RELAXED));
    }

    /** A string that is no user id names no user. */
    private static UserId user(String id) {
        try {
            return new UserId(id);
        } catch (IllegalArgumentException e) {
            throw ClientApiErrors.userNotFound();
        }
    }
}
