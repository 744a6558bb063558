package dev.portico.command.userpass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.app.App;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.audit.RequestContext;
import dev.portico.command.claim.IdentityClaims;
import dev.portico.command.function.AppFunctions;
import dev.portico.command.function.FunctionFailed;
import dev.portico.command.function.FunctionNotFound;
import dev.portico.command.userpass.PasswordCredentials.Credential;
import dev.portico.command.userpass.UserpassRefused.Reason;
import dev.portico.command.userpass.UserpassSettings.Confirmation;
import dev.portico.command.userpass.UserpassSettings.Reset;
import dev.portico.command.userpass.UserpassTokens.IssuedToken;
import dev.portico.command.userpass.UserpassTokens.Purpose;
import dev.portico.events.AppId;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The email/password provider's accounts: registration, confirmation (automatic, by e-mail or by the app's
 * function) and password reset (by e-mail or by function), as App Services offered them. Every rule of the
 * provider is here; the client API only reads requests and writes answers.
 *
 * <ul>
 *   <li>An address is the account's name, compared case-insensitively: it is normalised (NFC, lower case)
 *       and known only by its claim digest, the same digest the identity's claim gets at its first login.</li>
 *   <li>Registering does not create a user: the first login does, through {@code login.Logins} like every
 *       provider's, or a user links the credentials (realm's "anonymous, then register and link" path). A
 *       registration waiting for confirmation holds its address for {@code pending-registration-lifetime}.</li>
 *   <li>Passwords are 6 to 128 characters, hashed with Argon2id outside any transaction.</li>
 *   <li>Links carry a single-use token valid for 30 minutes.</li>
 *   <li>Asking for a confirmation or reset e-mail answers the same, in the same time, whether or not the
 *       address has an account: the request only queues the work ({@link UserpassBackground}).</li>
 * </ul>
 */
@Component
public class EmailPasswordAccounts {
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);
    public static final int MIN_PASSWORD = 6;
    public static final int MAX_PASSWORD = 128;
    /** The longest address SMTP can carry; usernames need not be addresses, but none is longer. */
    public static final int MAX_USERNAME = 254;
    private static final Logger log = LoggerFactory.getLogger(EmailPasswordAccounts.class);

    private final IdentityClaims claims;
    private final PasswordCredentials credentials;
    private final UserpassTokens tokens;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final UserpassMail mail;
    private final UserpassBackground background;
    private final ObjectProvider<AppFunctions> functions;
    private final TransactionTemplate transactions;
    private final PasswordProperties properties;
    private final Clock clock;
    private final ObjectMapper json;

    public EmailPasswordAccounts(IdentityClaims claims, PasswordCredentials credentials, UserpassTokens tokens,
            PasswordHasher hasher, LoginThrottle throttle, UserpassMail mail, UserpassBackground background,
            ObjectProvider<AppFunctions> functions, TransactionTemplate transactions, PasswordProperties properties,
            Clock clock, ObjectMapper json) {
        this.claims = claims;
        this.credentials = credentials;
        this.tokens = tokens;
        this.hasher = hasher;
        this.throttle = throttle;
        this.mail = mail;
        this.background = background;
        this.functions = functions;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
    }

    // --- names and digests ------------------------------------------------------------------------------------

    /** The account name of an address: how it is compared and what the identity's subject is. */
    public static String accountName(String email) {
        return Normalizer.normalize(email, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /** The address's claim digest in the app: the credential's key and, after the first login, its claim's. */
    public String addressDigest(AppId app, LoginProvider provider, String email) {
        return claims.digest(app, provider.id(), accountName(email));
    }

    /**
     * The key of a client address's failure budget: a keyed digest, since an address is personal data. IPv6
     * clients are counted per /64, the block one subscriber typically holds.
     */
    public String clientDigest(AppId app, String clientAddress) {
        return claims.digest(app, "client-address", clientBlock(clientAddress));
    }

    static String clientBlock(String clientAddress) {
        if (clientAddress == null || clientAddress.isBlank()) {
            return "unknown";
        }
        try {
            // getRemoteAddr() gives a literal, so this never asks DNS.
            byte[] bytes = InetAddress.getByName(clientAddress.trim()).getAddress();
            if (bytes.length == 16) {
                Arrays.fill(bytes, 8, 16, (byte) 0);
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return clientAddress;
        }
    }

    // --- register and confirm ----------------------------------------------------------------------------------

    /**
     * Registers an address with a password. With automatic confirmation it can log in at once; by e-mail, a
     * link goes out; by function, the function's verdict decides (fail: the registration is withdrawn).
     *
     * @throws UserpassRefused {@code ACCOUNT_NAME_IN_USE} when the address has registered already (confirmed or
     * not); {@code BAD_REQUEST} for a password of the wrong length or a failed confirmation
     */
    public void register(App app, LoginProvider provider, String email, String password, RequestContext request) {
        requirePasswordLength(password);
        UserpassSettings settings = UserpassSettings.of(provider.config());
        if (settings.confirmation() == Confirmation.EMAIL) {
            requireMailbox(email);
        }
        String digest = addressDigest(app.id(), provider, email);
        // Hashed before the address is looked at: a taken address costs what a free one costs.
        String hash = hasher.hash(password);
        Instant now = clock.instant();
        Instant pendingUntil = settings.confirmation() == Confirmation.AUTOMATIC ? null
                : now.plus(properties.pendingRegistrationLifetime());
        record Registered(String credentialId, IssuedToken token) {
        }
        Registered registered = transactions.execute(status -> credentials.register(app.id(), digest, hash,
                pendingUntil, now, email).map(id -> new Registered(id, pendingUntil == null ? null
                : tokens.issue(id, Purpose.CONFIRM, now, now.plus(TOKEN_LIFETIME)))).orElse(null));
        if (registered == null) {
            throw new UserpassRefused(Reason.ACCOUNT_NAME_IN_USE, "name already in use");
        }
        log.info("credential {} registered in app {}, confirmation {} (request {})", registered.credentialId(),
                app.id(), settings.confirmation(), request.requestId());
        switch (settings.confirmation()) {
            case AUTOMATIC -> {
            }
            case EMAIL -> background.submit("confirmation e-mail", request.requestId(),
                    () -> mailConfirmation(registered.credentialId(), email, settings, registered.token(),
                            request.requestId()));
            case FUNCTION -> runConfirmationFunction(app, settings, registered.credentialId(), email, registered.token(),
                    true);
        }
    }

    /** Confirms the registration a confirmation link was sent for; the link works once. */
    public void confirm(App app, String tokenId, String token) {
        Instant now = clock.instant();
        Optional<String> confirmed = transactions.execute(status -> {
            Optional<String> credential = tokens.consume(app.id(), Purpose.CONFIRM, tokenId, token, now);
            credential.ifPresent(id -> {
                credentials.confirm(id);
                tokens.revoke(id, Purpose.CONFIRM);
            });
            return credential;
        });
        confirmed.orElseThrow(UserpassRefused::tokenInvalid);
        log.info("credential {} confirmed by link", confirmed.get());
    }

    /**
     * Sends a new confirmation link if the address waits for one. The answer is the same for every address
     * (known, confirmed or not): the look-up happens after it.
     */
    public void resendConfirmation(App app, LoginProvider provider, String email, RequestContext request) {
        UserpassSettings settings = UserpassSettings.of(provider.config());
        switch (settings.confirmation()) {
            case AUTOMATIC -> throw UserpassRefused.badRequest(
                    "cannot send a confirmation e-mail: new accounts of this app are confirmed automatically");
            case FUNCTION -> throw UserpassRefused.badRequest(
                    "cannot send a confirmation e-mail: new accounts of this app are confirmed by a function;"
                            + " retry the custom confirmation instead");
            case EMAIL -> {
            }
        }
        requireMailbox(email);
        String digest = addressDigest(app.id(), provider, email);
        background.submit("confirmation e-mail", request.requestId(), () -> {
            Instant now = clock.instant();
            record Issued(String credentialId, IssuedToken token) {
            }
            Issued issued = transactions.execute(status -> credentials.find(digest, now)
                    .filter(Credential::pending)
                    .map(credential -> new Issued(credential.credentialId(),
                            tokens.issue(credential.credentialId(), Purpose.CONFIRM, now, now.plus(TOKEN_LIFETIME))))
                    .orElse(null));
            if (issued != null) {
                mailConfirmation(issued.credentialId(), email, settings, issued.token(), request.requestId());
            }
        });
    }

    /**
     * Mails a confirmation link, noting first when (operators see it; noted before, so that a mail that arrived
     * was noted); runs in {@link UserpassBackground}.
     */
    void mailConfirmation(String credentialId, String email, UserpassSettings settings, IssuedToken token,
            String requestId) {
        if (mail.available()) {
            credentials.confirmationSent(credentialId, clock.instant());
        }
        mail.sendConfirmation(email, settings, token, requestId);
    }

    /**
     * Runs the confirmation function again for a registration that waits (App Services' "retry custom
     * confirmation"). Like App Services, it tells an unknown address (404 {@code UserNotFound}) and a confirmed
     * one ({@code UserAlreadyConfirmed}) apart: the function is the app's, and only a waiting registration may
     * reach it.
     */
    public void retryConfirmation(App app, LoginProvider provider, String email, RequestContext request) {
        UserpassSettings settings = UserpassSettings.of(provider.config());
        switch (settings.confirmation()) {
            case AUTOMATIC -> throw UserpassRefused.badRequest(
                    "cannot run confirmation for " + email + ": automatic confirmation is enabled");
            case EMAIL -> throw UserpassRefused.badRequest(
                    "cannot run confirmation for " + email + ": confirmation by function is not enabled");
            case FUNCTION -> {
            }
        }
        Instant now = clock.instant();
        Credential credential = credentials.find(addressDigest(app.id(), provider, email), now)
                .orElseThrow(() -> new UserpassRefused(Reason.USER_NOT_FOUND, "user not found"));
        if (!credential.pending()) {
            throw new UserpassRefused(Reason.ALREADY_CONFIRMED, "already confirmed");
        }
        IssuedToken token = transactions.execute(status ->
                tokens.issue(credential.credentialId(), Purpose.CONFIRM, now, now.plus(TOKEN_LIFETIME)));
        log.info("confirmation function runs again for credential {} (request {})", credential.credentialId(),
                request.requestId());
        runConfirmationFunction(app, settings, credential.credentialId(), email, token, false);
    }

    /**
     * @param withdrawOnError whether a function that fails to answer withdraws the registration (at
     * registration: the request failed, so it leaves nothing behind) or leaves it waiting (on a retry)
     */
    private void runConfirmationFunction(App app, UserpassSettings settings, String credentialId, String email,
            IssuedToken token, boolean withdrawOnError) {
        ObjectNode argument = json.createObjectNode().put("username", email).put("token", token.token())
                .put("tokenId", token.tokenId());
        String verdict;
        try {
            verdict = verdict(settings.confirmationFunctionName(),
                    call(app, settings.confirmationFunctionName(), List.of(argument)));
        } catch (RuntimeException e) {
            if (withdrawOnError) {
                credentials.withdraw(credentialId);
            }
            throw e;
        }
        switch (verdict) {
            case "success" -> {
                transactions.executeWithoutResult(status -> {
                    credentials.confirm(credentialId);
                    tokens.revoke(credentialId, Purpose.CONFIRM);
                });
                log.info("credential {} confirmed by the confirmation function", credentialId);
            }
            case "pending" -> log.info("credential {} waits: the confirmation function answered pending", credentialId);
            default -> {
                // App Services: "the pending user is removed, so the same email can register again"
                credentials.withdraw(credentialId);
                log.info("credential {} withdrawn: the confirmation function answered fail", credentialId);
                throw UserpassRefused.badRequest("failed to confirm user \"" + email + "\"");
            }
        }
    }

    // --- reset ---------------------------------------------------------------------------------------------

    /**
     * Sends a reset link if the address has an account. The answer is the same for every address: the
     * look-up happens after it.
     */
    public void sendReset(App app, LoginProvider provider, String email, RequestContext request) {
        UserpassSettings settings = UserpassSettings.of(provider.config());
        switch (settings.reset()) {
            case FUNCTION -> throw UserpassRefused.badRequest("please use reset password via function");
            case NONE -> throw UserpassRefused.badRequest("password reset is not enabled for this app");
            case EMAIL -> {
            }
        }
        requireMailbox(email);
        String digest = addressDigest(app.id(), provider, email);
        background.submit("reset e-mail", request.requestId(), () -> {
            Instant now = clock.instant();
            IssuedToken token = transactions.execute(status -> credentials.find(digest, now)
                    .map(credential -> tokens.issue(credential.credentialId(), Purpose.RESET, now, now.plus(TOKEN_LIFETIME)))
                    .orElse(null));
            if (token != null) {
                mail.sendReset(email, settings, token, request.requestId());
            }
        });
    }

    /**
     * Sets the password a reset link was sent for; the link works once. Whoever opened the link proved the
     * mailbox is theirs, so this also confirms an account that waits for an e-mail confirmation, and ends any
     * block on logins to it.
     */
    public void reset(App app, LoginProvider provider, String tokenId, String token, String password) {
        requirePasswordLength(password);
        // A cheap look first, so that guessed tokens cost no hashing.
        tokens.peek(app.id(), Purpose.RESET, tokenId, token, clock.instant()).orElseThrow(UserpassRefused::tokenInvalid);
        String hash = hasher.hash(password);
        boolean confirmByMail = UserpassSettings.of(provider.config()).confirmation() == Confirmation.EMAIL;
        Instant now = clock.instant();
        String credentialId = transactions.execute(status -> tokens.consume(app.id(), Purpose.RESET, tokenId, token, now)
                .map(id -> {
                    setPassword(id, hash, now);
                    if (confirmByMail) {
                        credentials.confirm(id);
                        tokens.revoke(id, Purpose.CONFIRM);
                    }
                    return id;
                }).orElse(null));
        if (credentialId == null) {
            throw UserpassRefused.tokenInvalid();
        }
        log.info("credential {}: password reset by link", credentialId);
    }

    /**
     * Runs the app's reset function, as App Services did: {@code ({username, password, token, tokenId,
     * currentPasswordValid}, ...arguments)}; {@code success} sets the password now, {@code pending} leaves the
     * token for a later {@link #reset}, {@code fail} changes nothing. The function learns whether
     * {@code password} is the current one, so this counts against the same brute-force budgets as a login.
     */
    public void resetViaFunction(App app, LoginProvider provider, String email, String password,
            List<JsonNode> arguments, String clientAddress, RequestContext request) {
        UserpassSettings settings = UserpassSettings.of(provider.config());
        if (settings.reset() != Reset.FUNCTION) {
            throw UserpassRefused.badRequest("reset password via function is not enabled for this app");
        }
        requirePasswordLength(password);
        String digest = addressDigest(app.id(), provider, email);
        String client = clientDigest(app.id(), clientAddress);
        throttle.tryAttempt(digest, client).ifPresent(wait -> {
            throw UserpassRefused.tooManyAttempts(wait);
        });
        Instant now = clock.instant();
        Optional<Credential> found = Optional.empty();
        boolean currentPasswordValid = false;
        try {
            found = credentials.find(digest, now);
            currentPasswordValid = found.isPresent() ? hasher.verify(password, found.get().passwordHash())
                    : hasher.verifyDecoy(password);
        } finally {
            if (currentPasswordValid) {
                throttle.succeeded(digest, client);
            } else {
                throttle.failed(digest, client);
            }
        }
        if (found.isEmpty()) {
            throw new UserpassRefused(Reason.USER_NOT_FOUND, "user not found");
        }
        Credential credential = found.get();
        IssuedToken token = transactions.execute(status ->
                tokens.issue(credential.credentialId(), Purpose.RESET, now, now.plus(TOKEN_LIFETIME)));
        List<JsonNode> callArguments = new ArrayList<>(arguments.size() + 1);
        callArguments.add(json.createObjectNode().put("username", email).put("password", password)
                .put("token", token.token()).put("tokenId", token.tokenId())
                .put("currentPasswordValid", currentPasswordValid));
        callArguments.addAll(arguments);
        String verdict;
        try {
            verdict = verdict(settings.resetFunctionName(), call(app, settings.resetFunctionName(), callArguments));
        } catch (RuntimeException e) {
            tokens.revoke(credential.credentialId(), Purpose.RESET);
            throw e;
        }
        switch (verdict) {
            case "success" -> {
                String hash = currentPasswordValid ? credential.passwordHash() : hasher.hash(password);
                transactions.executeWithoutResult(status -> setPassword(credential.credentialId(), hash, clock.instant()));
                log.info("credential {}: password reset by the reset function (request {})", credential.credentialId(),
                        request.requestId());
            }
            case "pending" -> log.info("credential {}: the reset function answered pending (request {})",
                    credential.credentialId(), request.requestId());
            default -> {
                tokens.revoke(credential.credentialId(), Purpose.RESET);
                throw UserpassRefused.badRequest("failed to reset password for user \"" + email + "\"");
            }
        }
    }

    /** A new password ends every reset link and every block on logins to the account. */
    private void setPassword(String credentialId, String hash, Instant now) {
        credentials.changePassword(credentialId, hash, now).ifPresent(throttle::forget);
        tokens.revoke(credentialId, Purpose.RESET);
    }

    // --- functions and checks ------------------------------------------------------------------------------

    private JsonNode call(App app, String function, List<JsonNode> arguments) {
        AppFunctions runner = functions.getIfAvailable();
        if (runner == null) {
            throw new UserpassRefused(Reason.FUNCTION_NOT_FOUND, new FunctionNotFound(function).getMessage());
        }
        try {
            return runner.call(app, function, arguments);
        } catch (FunctionNotFound e) {
            throw new UserpassRefused(Reason.FUNCTION_NOT_FOUND, e.getMessage());
        } catch (FunctionFailed e) {
            throw new UserpassRefused(Reason.FUNCTION_FAILED, e.getMessage());
        }
    }

    private static String verdict(String function, JsonNode answer) {
        String status = answer == null ? null : answer.path("status").asText(null);
        if (status == null || !List.of("success", "pending", "fail").contains(status)) {
            throw new UserpassRefused(Reason.FUNCTION_FAILED,
                    "function '" + function + "' must answer {\"status\": \"success\" | \"pending\" | \"fail\"}");
        }
        return status;
    }

    static void requirePasswordLength(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            throw UserpassRefused.badRequest("password must be between " + MIN_PASSWORD + " and " + MAX_PASSWORD
                    + " characters");
        }
    }

    /** An address mail can be sent to: no display name, no line breaks, a domain. */
    static void requireMailbox(String email) {
        try {
            InternetAddress address = new InternetAddress(email, true);
            if (address.getPersonal() == null && email.equals(address.getAddress()) && email.indexOf('@') > 0) {
                return;
            }
        } catch (AddressException e) {
            // refused below
        }
        throw new UserpassRefused(Reason.INVALID_PARAMETER, "email must be a valid e-mail address");
    }
}
