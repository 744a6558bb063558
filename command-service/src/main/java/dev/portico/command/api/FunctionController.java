package dev.portico.command.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.account.Account;
import dev.portico.command.account.Accounts;
import dev.portico.command.app.App;
import dev.portico.command.customdata.CustomDataDocuments;
import dev.portico.command.function.AppFunctions;
import dev.portico.command.function.FunctionCaller;
import dev.portico.command.outbound.AnswerJson;
import dev.portico.events.UserId;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /app/{appId}/functions/call} ({@code user.functions.<name>(…)}): runs the app's function for the
 * user of the access token. The endpoint gets the arguments as relaxed Extended JSON and the verified caller;
 * its result goes back as it answered it. Private functions are not found; there are no services to call.
 */
@RestController
class FunctionController {
    /** App Services set no number; a function call is not a bulk upload. */
    static final int MAX_ARGUMENTS = 32;
    static final int MAX_NAME_LENGTH = 256;
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final Apps apps;
    private final Accounts accounts;
    private final CustomDataDocuments customData;
    private final AppFunctions functions;

    FunctionController(Apps apps, Accounts accounts, CustomDataDocuments customData, AppFunctions functions) {
        this.apps = apps;
        this.accounts = accounts;
        this.customData = customData;
        this.functions = functions;
    }

    @PostMapping("/api/client/v2.0/app/{appId}/functions/call")
    ResponseEntity<String> call(@PathVariable String appId, AccessSession session, EjsonBody body) {
        App app = apps.require(appId);
        if (!session.claims().appId().equals(app.id())) {
            throw new ClientApiException(HttpStatus.FORBIDDEN, ErrorCode.BadRequest,
                    "the access token is not one of app '" + app.id().value() + "'");
        }
        BsonDocument fields = body.fields();
        String name = name(fields.get("name"));
        BsonValue service = fields.get("service");
        if (service != null && !service.isNull()) {
            throw new ClientApiException(HttpStatus.NOT_FOUND, ErrorCode.ServiceNotFound, service.isString()
                    && service.asString().getValue().length() <= MAX_NAME_LENGTH
                    ? "service not found: '" + service.asString().getValue() + "'" : "service not found");
        }
        JsonNode result = functions.callAsUser(app, name, arguments(fields.get("arguments")),
                caller(app, session.claims().userId()));
        try {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(AnswerJson.mapper().writeValueAsString(result));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a function's result", e);
        }
    }

    private static String name(BsonValue name) {
        if (name == null || !name.isString() || name.asString().getValue().isBlank()
                || name.asString().getValue().length() > MAX_NAME_LENGTH) {
            throw ClientApiException.badRequest("a function call needs a \"name\": a string of 1 to "
                    + MAX_NAME_LENGTH + " characters");
        }
        return name.asString().getValue();
    }

    private static List<JsonNode> arguments(BsonValue arguments) {
        if (arguments == null || arguments.isNull()) {
            return List.of();
        }
        if (!arguments.isArray()) {
            throw ClientApiException.badRequest("\"arguments\" must be an array");
        }
        BsonArray array = arguments.asArray();
        if (array.size() > MAX_ARGUMENTS) {
            throw EjsonBodies.tooLarge("a function takes at most " + MAX_ARGUMENTS + " arguments");
        }
        try {
            JsonNode relaxed = AnswerJson.mapper().readTree(new BsonDocument("a", array).toJson(RELAXED)).get("a");
            List<JsonNode> list = new ArrayList<>(array.size());
            relaxed.forEach(list::add);
            return list;
        } catch (JsonProcessingException e) {
            throw ClientApiException.badRequest("the arguments cannot be passed on as JSON");
        }
    }

    private FunctionCaller caller(App app, UserId user) {
        Account account = accounts.find(user)
                .orElseThrow(() -> ClientApiException.invalidSession("invalid session: user not found"));
        JsonNode data = customData.find(app.id(), user)
                .map(document -> (JsonNode) AnswerJson.mapper().valueToTree(CustomDataDocuments.claim(app, user, document)))
                .orElse(null);
        return new FunctionCaller(user, account.identities().stream()
                .map(i -> new FunctionCaller.Identity(i.id(), i.providerType(), i.providerId())).toList(), data);
    }
}
