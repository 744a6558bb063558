package dev.portico.command.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Axon's append of events, which also reads back the global index PostgreSQL gave each row ({@code INSERT …
 * RETURNING global_index}, in the same round trip) and keeps the highest in the unit of work that appended
 * them. Whoever needs the position of what a command wrote (read-your-writes tokens) takes it from there instead
 * of asking the database again after the commit: one round trip less for every write (decision 0014). Each append
 * is also reported to {@link AppendNotifier}, which tells other processes once it has committed.
 */
public final class AppendedPositions {
    private static final String LAST = AppendedPositions.class.getName() + ".last";
    private static final String[] GLOBAL_INDEX = {"global_index"};

    private AppendedPositions() {
    }

    /** Axon's own statement, on a connection that asks PostgreSQL for the rows' global indexes. */
    public static AppendEventsStatementBuilder appendStatement(AppendNotifier notifier) {
        return (connection, schema, dataType, events, serializer, timestampWriter) -> reading(
                JdbcEventStorageEngineStatements.appendEvents(returningIndexes(connection), schema, dataType, events,
                        serializer, timestampWriter), notifier);
    }

    /** The global index of the last event that {@code unitOfWork} (or any unit nested in it) appended, or null. */
    public static Long last(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getResource(LAST);
    }

    private static Connection returningIndexes(Connection connection) {
        return (Connection) Proxy.newProxyInstance(AppendedPositions.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args.length == 1) {
                        return connection.prepareStatement((String) args[0], GLOBAL_INDEX);
                    }
                    return invoke(connection, method, args);
                });
    }

    private static PreparedStatement reading(PreparedStatement statement, AppendNotifier notifier) {
        return (PreparedStatement) Proxy.newProxyInstance(AppendedPositions.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    Object result = invoke(statement, method, args);
                    if (method.getName().equals("executeBatch")) {
                        remember(statement);
                        notifier.appended();
                    }
                    return result;
                });
    }

    private static void remember(PreparedStatement statement) throws SQLException {
        long last = -1;
        try (ResultSet indexes = statement.getGeneratedKeys()) {
            while (indexes.next()) {
                last = Math.max(last, indexes.getLong(1));
            }
        }
        if (last >= 0 && CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            Long before = root.getResource(LAST);
            root.resources().put(LAST, before == null ? last : Math.max(before, last));
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
