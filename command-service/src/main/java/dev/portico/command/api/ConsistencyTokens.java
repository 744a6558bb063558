package dev.portico.command.api;

import dev.portico.command.store.AppendedPositions;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Read-your-writes for callers of the query-service: a response to a request that appended events carries
 * {@code X-Portico-Consistency: <global index of the last of them>}. Passed to the query-service's read API (as
 * that header or {@code ?consistency=}), it makes the read wait until those events are in its read models. The
 * index comes back from the append itself ({@link AppendedPositions}); the header is set once the command's
 * transaction has committed, which is before the controller writes its answer.
 */
@Component
class ConsistencyTokens implements MessageDispatchInterceptor<EventMessage<?>> {
    static final String HEADER = "X-Portico-Consistency";
    private static final String APPENDED = ConsistencyTokens.class.getName() + ".appended";

    @Autowired
    void interceptAppendedEvents(EventBus events) {
        events.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes web
                && web.getResponse() != null && CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().getOrComputeResource(APPENDED, key -> {
                CurrentUnitOfWork.get().root().afterCommit(unit -> {
                    Long last = AppendedPositions.last(unit);
                    afterTheTransaction(() -> announce(last, web.getResponse()));
                });
                return Boolean.TRUE;
            });
        }
        return (index, message) -> message;
    }

    /**
     * A command sent inside a transaction of the caller's (a login writes its claims with it) is committed with
     * that transaction: its events are readable, and the token usable, only then.
     */
    private static void afterTheTransaction(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        action.run();
                    }
                }
            });
        } else {
            action.run();
        }
    }

    private static void announce(Long last, HttpServletResponse response) {
        if (last == null || response.isCommitted()) {
            return;
        }
        String previous = response.getHeader(HEADER);
        if (previous == null || Long.parseLong(previous) < last) {
            response.setHeader(HEADER, Long.toString(last));
        }
    }
}
