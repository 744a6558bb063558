package dev.portico.command.login;

import dev.portico.command.audit.AuditedCommands;
import dev.portico.command.audit.Conflicts;
import dev.portico.command.audit.RequestContext;
import dev.portico.command.command.DeleteUser;
import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.store.TimestampParameter;
import dev.portico.events.Actor;
import dev.portico.events.UserId;
import dev.portico.events.user.DeletionReason;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes anonymous users that nobody has used for {@code portico.anonymous.inactive-after}, as App Services
 * did: nobody can log in as such a user again, and only its device held its refresh token. A user's activity
 * is its registration, each session's issue (a login) and each session's last refresh (noted at most once per
 * {@code portico.sessions.use-interval} by {@code UserLifecycle.recordUse}). A user that linked any other
 * identity is permanent; the {@code User} itself refuses the deletion then, should it have linked one since it
 * was picked.
 *
 * <p>Every instance runs it: each batch locks the accounts it picks with {@code FOR UPDATE SKIP LOCKED}, so
 * two instances take different users, and a user being changed meanwhile is left for the next round. A
 * deletion is the usual {@code UserDeleted} (reason {@code ANONYMOUS_INACTIVE}, actor {@code system}), which
 * destroys the user's key.
 */
@Component
public class InactiveAnonymousUsers {
    private static final Logger log = LoggerFactory.getLogger(InactiveAnonymousUsers.class);

    private final JdbcClient jdbc;
    private final AuditedCommands commands;
    private final PersonalDataVault vault;
    private final TransactionTemplate transactions;
    private final AnonymousProperties properties;
    private final Clock clock;

    public InactiveAnonymousUsers(JdbcClient jdbc, AuditedCommands commands, PersonalDataVault vault,
            TransactionTemplate transactions, AnonymousProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.vault = vault;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${portico.anonymous.cleanup-interval:PT1H}",
            fixedDelayString = "${portico.anonymous.cleanup-interval:PT1H}")
    void scheduled() {
        try {
            int deleted = deleteInactive();
            if (deleted > 0) {
                log.info("deleted {} anonymous users inactive for {}", deleted, properties.inactiveAfter());
            }
        } catch (RuntimeException e) {
            // The next round picks up where this one stopped; the service itself is unaffected.
            log.warn("the clean-up of inactive anonymous users stopped: {}", e.toString());
        }
    }

    /** Deletes every user inactive at this moment, a batch to a transaction; answers how many. */
    public int deleteInactive() {
        OffsetDateTime cutoff = TimestampParameter.of(clock.instant().minus(properties.inactiveAfter()));
        RequestContext round = RequestContext.system("anonymous-cleanup-" + UUID.randomUUID());
        int total = 0;
        while (true) {
            int deleted = Conflicts.retrying(() -> transactions.execute(status -> deleteBatch(cutoff, round)));
            total += deleted;
            if (deleted < properties.batchSize()) {
                return total;
            }
        }
    }

    private int deleteBatch(OffsetDateTime cutoff, RequestContext round) {
        List<UserId> inactive = jdbc.sql("""
                SELECT a.user_id FROM accounts a
                WHERE a.user_type = 'NORMAL' AND a.registered_at < :cutoff
                  AND EXISTS (SELECT 1 FROM account_identities i
                              WHERE i.user_id = a.user_id AND i.provider_type = 'anon-user')
                  AND NOT EXISTS (SELECT 1 FROM account_identities i
                                  WHERE i.user_id = a.user_id AND i.provider_type <> 'anon-user')
                  AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = a.user_id
                                  AND COALESCE(s.last_used_at, s.issued_at) >= :cutoff)
                ORDER BY a.registered_at
                LIMIT :batch
                FOR UPDATE OF a SKIP LOCKED""")
                .param("cutoff", cutoff)
                .param("batch", properties.batchSize())
                .query((rs, n) -> new UserId(rs.getString(1)))
                .list();
        for (UserId user : inactive) {
            commands.send(new DeleteUser(user, DeletionReason.ANONYMOUS_INACTIVE), Actor.SYSTEM,
                    vault.findKey(user).orElse(null), round);
        }
        return inactive.size();
    }
}
