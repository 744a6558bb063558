package dev.portico.query.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends batches of lifecycle messages to Kafka, each batch in one transaction, so a read_committed consumer
 * sees a batch completely or not at all. The producer is created on first use and thrown away after any error
 * it cannot recover from; the next batch starts with a new one, whose initialisation also aborts whatever the
 * old one left open.
 */
public class LifecycleProducer implements AutoCloseable {
    private static final int COMMIT_ATTEMPTS = 2;
    private static final Logger log = LoggerFactory.getLogger(LifecycleProducer.class);
    private static final String CONTENT_TYPE_HEADER = "content-type";
    private static final byte[] CONTENT_TYPE = CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    private final Supplier<Producer<String, String>> producers;
    private final String topic;
    private Producer<String, String> producer;

    public LifecycleProducer(Supplier<Producer<String, String>> producers, String topic) {
        this.producers = producers;
        this.topic = topic;
    }

    /** Returns once the batch is committed in Kafka; throws if it may not be. */
    public synchronized void publish(List<OutboxMessage> messages) {
        Producer<String, String> current = producer();
        try {
            current.beginTransaction();
            for (OutboxMessage message : messages) {
                // Failed sends surface in the commit, which then refuses; no need to wait for each one.
                current.send(record(message));
            }
            commit(current);
        } catch (RuntimeException e) {
            recover(current, e);
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            Producer<String, String> created = producers.get();
            try {
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    private ProducerRecord<String, String> record(OutboxMessage message) {
        var record = new ProducerRecord<>(topic, message.key(), message.payload());
        record.headers().add(new RecordHeader(CONTENT_TYPE_HEADER, CONTENT_TYPE));
        return record;
    }

    /**
     * A commit that timed out may still be completing at the broker. Retrying it finishes that same commit;
     * giving up straight away could let it complete unnoticed, and the batch would be sent a second time.
     */
    private static void commit(Producer<String, String> producer) {
        for (int attempt = 1; ; attempt++) {
            try {
                producer.commitTransaction();
                return;
            } catch (TimeoutException e) {
                if (attempt == COMMIT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void recover(Producer<String, String> failed, RuntimeException cause) {
        if (isFatal(cause)) {
            discard(cause);
            return;
        }
        try {
            failed.abortTransaction();
        } catch (RuntimeException abortFailed) {
            discard(abortFailed);
        }
    }

    private void discard(RuntimeException cause) {
        log.info("Discarding the Kafka producer after {}; the next batch starts a new one", cause.toString());
        close();
    }

    /**
     * Errors after which Kafka allows nothing but closing the producer. A timeout is among them here: after a
     * commit timed out, the producer accepts no abort, and after a send timed out the broker is likely away.
     */
    private static boolean isFatal(RuntimeException e) {
        return e instanceof ProducerFencedException
                || e instanceof InvalidProducerEpochException
                || e instanceof OutOfOrderSequenceException
                || e instanceof AuthorizationException
                || e instanceof AuthenticationException
                || e instanceof UnsupportedVersionException
                || e instanceof TimeoutException
                || e instanceof IllegalStateException;
    }
}
