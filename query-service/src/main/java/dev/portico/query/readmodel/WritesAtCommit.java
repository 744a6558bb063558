package dev.portico.query.readmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows that a projection writes at the end of the current transaction, all at once, instead of one statement
 * per event: the processor handles a batch of events in one transaction, and a batched statement takes one
 * round trip to the database however many rows it holds (decision 0021). Without a transaction (a test
 * calling a handler directly) each row is written at once.
 *
 * @param <T> a row
 */
public final class WritesAtCommit<T> {
    private final Consumer<List<T>> write;

    /** @param write writes the rows, in the order they were added, in the transaction that is committing */
    public WritesAtCommit(Consumer<List<T>> write) {
        this.write = write;
    }

    public void add(T row) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write.accept(List.of(row));
            return;
        }
        pendingInThisTransaction().add(row);
    }

    /** What {@link #add} was given in this transaction and is not written yet, in order. */
    public List<T> pending() {
        List<T> pending = bound();
        return pending == null ? List.of() : pending;
    }

    private List<T> pendingInThisTransaction() {
        List<T> pending = bound();
        if (pending != null) {
            return pending;
        }
        List<T> rows = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, rows);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                if (!rows.isEmpty()) {
                    write.accept(List.copyOf(rows));
                }
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(WritesAtCommit.this);
            }
        });
        return rows;
    }

    @SuppressWarnings("unchecked")
    private List<T> bound() {
        return (List<T>) TransactionSynchronizationManager.getResource(this);
    }
}
