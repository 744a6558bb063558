package dev.portico.query.history;

/** A row of {@code event_chain}: the {@code position}-th event of a user (from 0), and its hashes. */
public record ChainLink(String userId, long position, long globalIndex, String eventIdentifier, byte[] previousHash,
        byte[] hash) {
}
