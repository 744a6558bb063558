package dev.portico.command.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.command.app.App;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.userpass.EmailPasswordAccounts;
import dev.portico.events.identity.ProviderType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The email/password provider's endpoints ({@code …/auth/providers/local-userpass/…}): register, confirm,
 * resend the confirmation, retry the confirmation function, send a reset e-mail, reset, and reset through
 * the reset function. Successes have no body and no content type (realm-web ignores them; 201 for a
 * registration, 204 otherwise). Like logins, they ignore any Authorization header: realm-web sends the
 * current user's access token along.
 */
@RestController
@RequestMapping("/api/client/v2.0/app/{appId}/auth/providers/local-userpass")
class EmailPasswordController {
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    private static final int MAX_TOKEN = 128;
    private static final int MAX_ARGUMENTS = 32;

    private final Apps apps;
    private final EmailPasswordAccounts accounts;
    private final ObjectMapper json;
    private final RateLimits rateLimits;

    EmailPasswordController(Apps apps, EmailPasswordAccounts accounts, ObjectMapper json, RateLimits rateLimits) {
        this.apps = apps;
        this.accounts = accounts;
        this.json = json;
        this.rateLimits = rateLimits;
    }

    @PostMapping("/register")
    ResponseEntity<Void> register(@PathVariable String appId, EjsonBody body,
            HttpServletRequest request) {
        App app = apps.require(appId);
        LoginProvider provider = provider(app);
        rateLimits.acquire(RateLimits.Action.REGISTRATION, app.id(), request.getRemoteAddr());
        BsonDocument fields = body.fields();
        accounts.register(app, provider, email(fields), password(fields), RequestContexts.of(request));
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @PostMapping("/confirm")
    ResponseEntity<Void> confirm(@PathVariable String appId, EjsonBody body) {
        App app = apps.require(appId);
        provider(app);
        BsonDocument fields = body.fields();
        accounts.confirm(app, token(fields, "tokenId"), token(fields, "token"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/confirm/send")
    ResponseEntity<Void> resendConfirmation(@PathVariable String appId, EjsonBody body,
            HttpServletRequest request) {
        App app = apps.require(appId);
        LoginProvider provider = provider(app);
        accounts.resendConfirmation(app, provider, email(body.fields()), RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/confirm/call")
    ResponseEntity<Void> retryConfirmation(@PathVariable String appId, EjsonBody body,
            HttpServletRequest request) {
        App app = apps.require(appId);
        LoginProvider provider = provider(app);
        accounts.retryConfirmation(app, provider, email(body.fields()), RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/reset/send")
    ResponseEntity<Void> sendReset(@PathVariable String appId, EjsonBody body,
            HttpServletRequest request) {
        App app = apps.require(appId);
        LoginProvider provider = provider(app);
        accounts.sendReset(app, provider, email(body.fields()), RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/reset")
    ResponseEntity<Void> reset(@PathVariable String appId, EjsonBody body) {
        App app = apps.require(appId);
        LoginProvider provider = provider(app);
        BsonDocument fields = body.fields();
        accounts.reset(app, provider, token(fields, "tokenId"), token(fields, "token"), password(fields));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/reset/call")
    ResponseEntity<Void> resetViaFunction(@PathVariable String appId, EjsonBody body,
            HttpServletRequest request) {
        App app = apps.require(appId);
        LoginProvider provider = provider(app);
        BsonDocument fields = body.fields();
        accounts.resetViaFunction(app, provider, email(fields), password(fields), arguments(fields),
                request.getRemoteAddr(), RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }

    private static LoginProvider provider(App app) {
        return app.provider(ProviderType.EMAIL_PASSWORD).filter(provider -> !provider.disabled())
                .orElseThrow(() -> ClientApiException.providerNotFound(ProviderType.EMAIL_PASSWORD.wireName()));
    }

    private static String email(BsonDocument fields) {
        String email = string(fields, "email");
        if (email.isEmpty() || email.length() > EmailPasswordAccounts.MAX_USERNAME) {
            throw invalid("email must be between 1 and " + EmailPasswordAccounts.MAX_USERNAME + " characters");
        }
        return email;
    }

    /** Its length is the provider's rule (a BadRequest with App Services' text); only its type is checked here. */
    private static String password(BsonDocument fields) {
        return string(fields, "password");
    }

    /** A malformed token is just an invalid one; the provider answers it as such without a look-up. */
    private static String token(BsonDocument fields, String name) {
        BsonValue value = fields.get(name);
        return value != null && value.isString() && value.asString().getValue().length() <= MAX_TOKEN
                ? value.asString().getValue() : "";
    }

    private static String string(BsonDocument fields, String name) {
        BsonValue value = fields.get(name);
        if (value == null || !value.isString()) {
            throw invalid(name + " must be a string");
        }
        return value.asString().getValue();
    }

    /** The reset function's extra arguments, as the function would have seen them in JavaScript. */
    private List<JsonNode> arguments(BsonDocument fields) {
        BsonValue value = fields.get("arguments");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid("arguments must be an array");
        }
        BsonArray array = value.asArray();
        if (array.size() > MAX_ARGUMENTS) {
            throw invalid("at most " + MAX_ARGUMENTS + " arguments");
        }
        List<JsonNode> arguments = new ArrayList<>(array.size());
        for (BsonValue argument : array) {
            try {
                arguments.add(json.readTree(new BsonDocument("v", argument).toJson(RELAXED)).get("v"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return arguments;
    }

    private static ClientApiException invalid(String message) {
        return new ClientApiException(HttpStatus.BAD_REQUEST, ErrorCode.InvalidParameter, message);
    }
}
