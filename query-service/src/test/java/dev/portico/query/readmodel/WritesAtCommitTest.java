package dev.portico.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class WritesAtCommitTest {
    private final List<List<String>> written = new ArrayList<>();
    private final WritesAtCommit<String> rows = new WritesAtCommit<>(written::add);
    private final TransactionTemplate transaction = new TransactionTemplate(new TransactionsWithoutResources());

    @Test
    void rowsAddedInATransactionAreWrittenOnceAtItsCommitInOrderAndArePendingUntilThen() {
        transaction.executeWithoutResult(status -> {
            rows.add("first");
            rows.add("second");

            assertThat(rows.pending()).containsExactly("first", "second");
            assertThat(written).isEmpty();
        });

        assertThat(written).containsExactly(List.of("first", "second"));
        assertThat(rows.pending()).isEmpty();
    }

    @Test
    void rowsOfARolledBackTransactionAreNeverWrittenNorLeftForTheNextOne() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            rows.add("lost");
            throw new IllegalStateException("the batch failed");
        })).hasMessage("the batch failed");
        transaction.executeWithoutResult(status -> rows.add("next"));

        assertThat(written).containsExactly(List.of("next"));
    }

    @Test
    void withoutATransactionEachRowIsWrittenAtOnce() {
        rows.add("alone");

        assertThat(written).containsExactly(List.of("alone"));
        assertThat(rows.pending()).isEmpty();
    }

    /** Begins, commits and rolls back nothing, but runs the synchronizations as a real one does. */
    private static final class TransactionsWithoutResources extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
