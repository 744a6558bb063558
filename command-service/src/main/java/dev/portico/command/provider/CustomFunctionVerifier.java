package dev.portico.command.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.app.App;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.function.AppFunctions;
import dev.portico.command.function.FunctionFailed;
import dev.portico.command.function.FunctionNotFound;
import dev.portico.command.outbound.AnswerJson;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.UserType;
import java.io.IOException;
import java.util.List;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Custom-function logins: the app's auth function ({@code config.authFunctionName}) gets the credential
 * payload, the login body without {@code options}, and answers who that is: an id string, or an object with
 * an {@code id} (and optionally a {@code name} for the profile). An error of the function, or an answer without
 * an id, refuses the login with 401, as App Services did when the function threw.
 */
@Component
class CustomFunctionVerifier implements IdentityVerifier {
    static final String NAME = ProviderType.CUSTOM_FUNCTION.wireName();
    /** Ids are kept sealed and claimed; an id longer than this is no id anybody meant. */
    static final int MAX_ID_LENGTH = 512;
    /** Plain JSON for numbers and strings, so that endpoints in any language read the payload as it was sent. */
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    private static final Logger log = LoggerFactory.getLogger(CustomFunctionVerifier.class);

    private final AppFunctions functions;

    CustomFunctionVerifier(AppFunctions functions) {
        this.functions = functions;
    }

    @Override
    public ProviderType type() {
        return ProviderType.CUSTOM_FUNCTION;
    }

    @Override
    public VerifiedIdentity verify(Credentials credentials, UserId candidateUserId) {
        LoginProvider provider = credentials.provider();
        App app = credentials.app();
        String function = provider.config().path("authFunctionName").asText();
        JsonNode answer;
        try {
            answer = functions.call(app, function, List.of(payload(credentials)));
        } catch (FunctionFailed e) {
            throw new LoginRefused("AuthError", e.getMessage());
        } catch (FunctionNotFound e) {
            // checkConfiguration stops the start first; an app source that skipped it is the operator's to fix
            log.error("{} of app {}: the auth function '{}' is mapped to no endpoint", NAME, app.id().value(), function);
            throw new LoginRefused("AuthError", NAME + ": the auth function is not available");
        }
        JsonNode id = answer.isObject() ? answer.get("id") : answer;
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new LoginRefused("AuthError", "function '" + function + "' returned no id: it must return a string "
                    + "or an object with an \"id\" string");
        }
        if (id.asText().length() > MAX_ID_LENGTH) {
            throw new LoginRefused("AuthError", "function '" + function + "' returned an id longer than "
                    + MAX_ID_LENGTH + " characters");
        }
        ObjectNode profile = null;
        JsonNode name = answer.isObject() ? answer.get("name") : null;
        if (name != null && name.isTextual() && !name.asText().isBlank()) {
            profile = JsonNodeFactory.instance.objectNode().put("name", name.asText());
        }
        return new VerifiedIdentity(ProviderType.CUSTOM_FUNCTION, provider.id(), id.asText(), profile, UserType.NORMAL,
                false);
    }

    /** The body as relaxed Extended JSON: numbers as numbers, dates as {@code {"$date": "<ISO-8601>"}}. */
    private static JsonNode payload(Credentials credentials) {
        try {
            return AnswerJson.mapper().readTree(credentials.fields().toJson(RELAXED));
        } catch (IOException e) {
            throw new MalformedCredentials(NAME + ": the payload cannot be passed on as JSON");
        }
    }

    @Override
    public void checkConfiguration(App app, LoginProvider provider, ConfigurationProblems problems) {
        JsonNode name = provider.config().path("authFunctionName");
        if (!name.isTextual() || name.asText().isBlank()) {
            problems.error("config.authFunctionName", NAME + " names no auth function",
                    "set config.authFunctionName to the name of the function that authenticates users");
            return;
        }
        if (app.functions().find(name.asText()).isEmpty()) {
            problems.error("functions", "the auth function '" + name.asText() + "' is mapped to no endpoint",
                    "map it in the service's settings: portico.apps[n].functions." + name.asText() + ".url");
        }
    }
}
