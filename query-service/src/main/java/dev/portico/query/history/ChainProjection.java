package dev.portico.query.history;

import dev.portico.events.UserEvent;
import dev.portico.query.projection.ProcessingGroups;
import dev.portico.query.readmodel.WritesAtCommit;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

/**
 * Chains each event of a user to the user's previous one, in the "users" processor: it handles one user's
 * events in order, one at a time, so the chain of a user has no forks; and nothing of it runs on the command
 * side. The link commits with the processor's token. A replay never rewrites the chain (that would vouch for
 * whatever the store holds by then), hence {@code @DisallowReplay}; and an event already chained is skipped.
 */
@Component
@ProcessingGroup(ProcessingGroups.USERS)
@DisallowReplay
public class ChainProjection {
    private final ChainStore chain;
    /** Written when the processor's transaction commits, a batch's links in one statement. */
    private final WritesAtCommit<ChainLink> links;

    public ChainProjection(ChainStore chain) {
        this.chain = chain;
        this.links = new WritesAtCommit<>(chain::addAll);
    }

    @EventHandler
    void on(UserEvent event, @MessageIdentifier String eventId) {
        // This runs for every event of every user, hence one query for all it needs to know (decision 0015).
        ChainStore.Next next = chain.next(eventId, event.userId())
                .orElseThrow(() -> new IllegalStateException("event " + eventId + " is not in the event store"));
        if (next.chained()) {
            return;
        }
        // The user's last link may be one of this batch's, not written yet (decision 0021).
        Optional<ChainLink> unwritten = links.pending().stream()
                .filter(link -> link.userId().equals(event.userId().value())).reduce((earlier, later) -> later);
        Long lastPosition = unwritten.map(ChainLink::position).orElse(next.lastPosition());
        byte[] previous = unwritten.map(ChainLink::hash).orElse(next.lastHash());
        long position = lastPosition == null ? 0L : lastPosition + 1;
        StoredEvent stored = next.event();
        links.add(new ChainLink(event.userId().value(), position, stored.globalIndex(), eventId, previous,
                EventChain.hash(stored, previous)));
    }
}
