package dev.portico.query.history;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash that chains a user's events: SHA-256 over the stored event (payload and metadata bytes, payload type
 * and revision, timestamp, global index, event id, stream and sequence number) and the hash of the user's previous event. Every part is
 * length-prefixed, so no two different events can feed the digest the same bytes. Changing any stored byte of
 * an event changes its hash and so breaks the link to the next one.
 */
public final class EventChain {
    private EventChain() {
    }

    /** @param previous the hash of the user's previous event, or null for the user's first */
    public static byte[] hash(StoredEvent event, byte[] previous) {
        MessageDigest digest = sha256();
        part(digest, event.payload());
        part(digest, event.metadata());
        part(digest, utf8(event.payloadType()));
        part(digest, utf8(event.payloadRevision()));
        part(digest, utf8(event.timestamp()));
        part(digest, ByteBuffer.allocate(Long.BYTES).putLong(event.globalIndex()).array());
        part(digest, utf8(event.eventIdentifier()));
        part(digest, utf8(event.aggregateType()));
        part(digest, utf8(event.aggregateIdentifier()));
        part(digest, ByteBuffer.allocate(Long.BYTES).putLong(event.sequenceNumber()).array());
        part(digest, previous);
        return digest.digest();
    }

    private static void part(MessageDigest digest, byte[] bytes) {
        if (bytes == null) {
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
            return;
        }
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
