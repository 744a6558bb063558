package dev.portico.query.history;

import dev.portico.events.UserId;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/**
 * Checks the chains against the event store: each link must follow the one before it, and each event's hash,
 * computed afresh over what the store holds now, must be the one recorded when it was chained.
 */
@Component
public class ChainVerification {
    private final ChainStore chain;

    public ChainVerification(ChainStore chain) {
        this.chain = chain;
    }

    /** What a check found: how many events it checked and the earliest break (by global index), if any. */
    public record Report(long checkedEvents, Break firstBreak) {
        public boolean intact() {
            return firstBreak == null;
        }
    }

    /** Where a chain breaks, and how. */
    public record Break(String userId, long position, long globalIndex, String eventIdentifier, Problem problem) {
    }

    public enum Problem {
        /** The event's stored bytes differ from those that were chained. */
        EVENT_ALTERED,
        /** The chained event is no longer in the event store. */
        EVENT_MISSING,
        /** The chain's own rows were changed or removed: a link does not follow the one before it. */
        LINK_BROKEN
    }

    public Report verify(UserId user) {
        Walk walk = new Walk();
        chain.forEachOf(user, walk::step);
        return walk.report();
    }

    public Report verifyAll() {
        Walk walk = new Walk();
        chain.forEach(walk::step);
        return walk.report();
    }

    /** Walks chains in order, user after user, keeping the earliest break of all. */
    private static final class Walk {
        private String user;
        private long expectedPosition;
        private byte[] previous;
        private boolean userBroken;
        private long checked;
        private Break first;

        void step(ChainStore.LinkAndEvent row) {
            ChainLink link = row.link();
            if (!link.userId().equals(user)) {
                user = link.userId();
                expectedPosition = 0;
                previous = null;
                userBroken = false;
            }
            checked++;
            if (!userBroken) {
                Problem problem = problemOf(link, row.event());
                if (problem != null) {
                    userBroken = true;
                    Break found = new Break(link.userId(), link.position(), link.globalIndex(), link.eventIdentifier(),
                            problem);
                    if (first == null || found.globalIndex() < first.globalIndex()) {
                        first = found;
                    }
                }
            }
            expectedPosition = link.position() + 1;
            previous = link.hash();
        }

        private Problem problemOf(ChainLink link, StoredEvent event) {
            if (link.position() != expectedPosition || !Arrays.equals(link.previousHash(), previous)) {
                return Problem.LINK_BROKEN;
            }
            if (event == null || !event.eventIdentifier().equals(link.eventIdentifier())) {
                return Problem.EVENT_MISSING;
            }
            return Arrays.equals(EventChain.hash(event, previous), link.hash()) ? null : Problem.EVENT_ALTERED;
        }

        Report report() {
            return new Report(checked, first);
        }
    }
}
