package dev.portico.command.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portico.command.app.App;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.userpass.EmailPasswordAccounts;
import dev.portico.command.userpass.PasswordCredentials.Pending;
import dev.portico.command.userpass.PasswordCredentials.PendingCursor;
import dev.portico.command.userpass.PendingRegistrations;
import dev.portico.events.identity.ProviderType;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Email/password registrations that wait for confirmation, on the operator API: list them a page at a time
 * (or find an address's), confirm one, mail its link again, delete it.
 */
@RestController
class AdminPendingUserController {
    static final String PENDING = "/api/admin/v1/apps/{appId}/pending-users";

    private final Apps apps;
    private final PendingRegistrations registrations;

    AdminPendingUserController(Apps apps, PendingRegistrations registrations) {
        this.apps = apps;
        this.registrations = registrations;
    }

    /**
     * {@code email} is null when the registration was stored without its address; {@code last_email_sent_at}
     * when no confirmation e-mail went out yet.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PendingUserBody(String id, String email, @JsonProperty("created_at") String createdAt,
            @JsonProperty("lapses_at") String lapsesAt, @JsonProperty("last_email_sent_at") String lastEmailSentAt) {
        static PendingUserBody of(Pending pending) {
            return new PendingUserBody(pending.credentialId(), pending.address().orElse(null),
                    pending.registeredAt().toString(), pending.lapsesAt().toString(),
                    pending.confirmationSentAt() == null ? null : pending.confirmationSentAt().toString());
        }
    }

    /** One page; {@code next} is the {@code cursor} of the next page, null on the last. */
    record PendingUserPage(List<PendingUserBody> items, String next) {
    }

    /** In creation order, then id, so pages stay put while addresses register. */
    @GetMapping(PENDING)
    PendingUserPage list(OperatorCall operator, @PathVariable String appId,
            @RequestParam(name = "email", required = false) String email,
            @RequestParam(name = "cursor", required = false) String cursor,
            @RequestParam(name = "limit", required = false) String limit) {
        App app = apps.require(appId);
        LoginProvider provider = provider(app);
        int pageSize = AdminParameters.limit(limit);
        PendingCursor after = cursor == null ? null : Cursors.read(cursor);
        if (email != null && (email.isEmpty() || email.length() > EmailPasswordAccounts.MAX_USERNAME)) {
            throw AdminParameters.invalid("email must be 1 to " + EmailPasswordAccounts.MAX_USERNAME + " characters");
        }
        List<Pending> page = registrations.list(app, provider, email, after, pageSize);
        String next = page.size() < pageSize ? null : Cursors.write(page.get(page.size() - 1));
        return new PendingUserPage(page.stream().map(PendingUserBody::of).toList(), next);
    }

    /** As the confirmation link would: the address logs in from now on. */
    @PostMapping(PENDING + "/{id}/confirm")
    ResponseEntity<Void> confirm(OperatorCall operator, @PathVariable String appId, @PathVariable String id,
            HttpServletRequest request) {
        App app = apps.require(appId);
        provider(app);
        registrations.confirm(app, pendingId(id), operator.actor(), RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }

    /** Only where the app confirms by e-mail; the mail goes out after the answer. */
    @PostMapping(PENDING + "/{id}/resend")
    ResponseEntity<Void> resend(OperatorCall operator, @PathVariable String appId, @PathVariable String id,
            HttpServletRequest request) {
        App app = apps.require(appId);
        LoginProvider provider = provider(app);
        registrations.resend(app, provider, pendingId(id), operator.actor(), RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }

    /** The address is free to register again. */
    @DeleteMapping(PENDING + "/{id}")
    ResponseEntity<Void> delete(OperatorCall operator, @PathVariable String appId, @PathVariable String id,
            HttpServletRequest request) {
        App app = apps.require(appId);
        provider(app);
        registrations.delete(app, pendingId(id), operator.actor(), RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }

    private static LoginProvider provider(App app) {
        return app.provider(ProviderType.EMAIL_PASSWORD).filter(provider -> !provider.disabled())
                .orElseThrow(() -> ClientApiException.providerNotFound(ProviderType.EMAIL_PASSWORD.wireName()));
    }

    private static String pendingId(String value) {
        if (value == null || !value.matches("[0-9a-f]{24}")) {
            throw AdminParameters.invalid("id must be 24 lower-case hex digits");
        }
        return value;
    }

    /**
     * The opaque cursor: base64url of {@code <creation time in epoch microseconds>.<id>}, the last item of the
     * previous page. Microseconds are what PostgreSQL keeps, so the cursor names that item exactly.
     */
    static final class Cursors {
        private Cursors() {
        }

        static String write(Pending last) {
            Instant at = last.registeredAt();
            long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (micros + "." + last.credentialId()).getBytes(StandardCharsets.US_ASCII));
        }

        static PendingCursor read(String cursor) {
            if (cursor.length() <= 64 && cursor.matches("[A-Za-z0-9_-]+")) {
                try {
                    String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
                    if (decoded.matches("-?[0-9]{1,17}\\.[0-9a-f]{24}")) {
                        int dot = decoded.indexOf('.');
                        long micros = Long.parseLong(decoded.substring(0, dot));
                        return new PendingCursor(Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS),
                                decoded.substring(dot + 1));
                    }
                } catch (IllegalArgumentException e) {
                    // refused below
                }
            }
            throw AdminParameters.invalid("cursor must be the next of an earlier page");
        }
    }
}
