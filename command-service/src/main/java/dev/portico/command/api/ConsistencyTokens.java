package dev.portico.command.api;

import dev.portico.events.store.EventTables;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Read-your-writes for callers of the query-service: a response to a request that appended events carries
 * {@code X-Portico-Consistency: <global index of the last of them>}. Passed to the query-service's read API (as
 * that header or {@code ?consistency=}), it makes the read wait until those events are in its read models. The
 * header is set once the command's transaction has committed (its events have their index then), which is
 * before the controller writes its answer.
 */
@Component
class ConsistencyTokens implements MessageDispatchInterceptor<EventMessage<?>> {
    static final String HEADER = "X-Portico-Consistency";
    private static final String APPENDED = ConsistencyTokens.class.getName() + ".appended";

    private final JdbcClient jdbc;

    ConsistencyTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Autowired
    void interceptAppendedEvents(EventBus events) {
        events.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes web
                && web.getResponse() != null && CurrentUnitOfWork.isStarted()) {
            List<String> appended = CurrentUnitOfWork.get().root().getOrComputeResource(APPENDED, key -> {
                List<String> ids = new ArrayList<>();
                CurrentUnitOfWork.get().root().afterCommit(u -> afterTheTransaction(() -> announce(ids,
                        web.getResponse())));
                return ids;
            });
            messages.forEach(message -> appended.add(message.getIdentifier()));
        }
        return (index, message) -> message;
    }

    /**
     * A command sent inside a transaction of the caller's (a login writes its claims with it) is committed with
     * that transaction: the look-up waits for it, so that it never lengthens the time its locks are held.
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

    private void announce(List<String> eventIds, HttpServletResponse response) {
        if (eventIds.isEmpty() || response.isCommitted()) {
            return;
        }
        Long last = jdbc.sql("SELECT max(global_index) FROM " + EventTables.EVENTS + " WHERE event_identifier IN (:ids)")
                .param("ids", eventIds)
                .query(Long.class)
                .single();
        String previous = response.getHeader(HEADER);
        if (last != null && (previous == null || Long.parseLong(previous) < last)) {
            response.setHeader(HEADER, Long.toString(last));
        }
    }
}
