package dev.portico.command.userpass;

import dev.portico.command.app.App;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.audit.OperatorActions;
import dev.portico.command.audit.RequestContext;
import dev.portico.command.userpass.PasswordCredentials.Pending;
import dev.portico.command.userpass.PasswordCredentials.PendingCursor;
import dev.portico.command.userpass.UserpassRefused.Reason;
import dev.portico.command.userpass.UserpassSettings.Confirmation;
import dev.portico.command.userpass.UserpassTokens.IssuedToken;
import dev.portico.command.userpass.UserpassTokens.Purpose;
import dev.portico.events.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The operator's side of registrations that wait for confirmation: list them (optionally the one of an
 * address, found by its claim digest, never by opening addresses), confirm one as its link would, mail its
 * link again, or delete it so the address may register afresh. A registration is named by its credential id,
 * random and unrelated to the address. A lapsed registration is gone for these as for every look-up. Each
 * action is recorded with {@link OperatorActions}: they write no event.
 */
@Component
public class PendingRegistrations {
    private final PasswordCredentials credentials;
    private final UserpassTokens tokens;
    private final EmailPasswordAccounts accounts;
    private final UserpassBackground background;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PendingRegistrations(PasswordCredentials credentials, UserpassTokens tokens, EmailPasswordAccounts accounts,
            UserpassBackground background, TransactionTemplate transactions, Clock clock) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.accounts = accounts;
        this.background = background;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** @param email only this address's registration (compared as account names are), or null for all */
    public List<Pending> list(App app, LoginProvider provider, String email, PendingCursor after, int limit) {
        String digest = email == null ? null : accounts.addressDigest(app.id(), provider, email);
        return credentials.pending(app.id(), digest, after, limit, clock.instant());
    }

    /** As the confirmation link would: the address can log in from now on. */
    public void confirm(App app, String id, Actor operator, RequestContext request) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            credentials.lockPending(app.id(), id, now).orElseThrow(PendingRegistrations::notFound);
            credentials.confirm(id);
            tokens.revoke(id, Purpose.CONFIRM);
        });
        OperatorActions.record(operator, "pending-user.confirm", app.id(), id, request);
    }

    /**
     * A new link (the earlier one stops working), mailed after the answer like every confirmation e-mail.
     *
     * @throws UserpassRefused {@code BAD_REQUEST} when the app does not confirm by e-mail, or the registration's
     * address was never kept
     */
    public void resend(App app, LoginProvider provider, String id, Actor operator, RequestContext request) {
        UserpassSettings settings = UserpassSettings.of(provider.config());
        if (settings.confirmation() != Confirmation.EMAIL) {
            throw UserpassRefused.badRequest("cannot send a confirmation e-mail: new accounts of this app are confirmed "
                    + (settings.confirmation() == Confirmation.AUTOMATIC ? "automatically" : "by a function"));
        }
        Instant now = clock.instant();
        record Resend(String address, IssuedToken token) {
        }
        Resend resend = transactions.execute(status -> {
            Pending pending = credentials.lockPending(app.id(), id, now).orElseThrow(PendingRegistrations::notFound);
            String address = pending.address().orElseThrow(() -> UserpassRefused.badRequest(
                    "cannot send a confirmation e-mail: the address of this registration is unavailable"));
            return new Resend(address, tokens.issue(id, Purpose.CONFIRM, now, now.plus(EmailPasswordAccounts.TOKEN_LIFETIME)));
        });
        background.submit("confirmation e-mail", request.requestId(),
                () -> accounts.mailConfirmation(id, resend.address(), settings, resend.token(), request.requestId()));
        OperatorActions.record(operator, "pending-user.resend", app.id(), id, request);
    }

    /** The registration and its links go; the address may register again. */
    public void delete(App app, String id, Actor operator, RequestContext request) {
        if (!credentials.deletePending(app.id(), id, clock.instant())) {
            throw notFound();
        }
        OperatorActions.record(operator, "pending-user.delete", app.id(), id, request);
    }

    private static UserpassRefused notFound() {
        return new UserpassRefused(Reason.USER_NOT_FOUND, "pending user not found");
    }
}
