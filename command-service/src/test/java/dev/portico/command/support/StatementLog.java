package dev.portico.command.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Records every round trip to PostgreSQL that a request's thread makes: each statement executed (a batch is one)
 * and each commit. Installed as a bean post-processor, it wraps the service's data sources, so that what is
 * counted is what the service really sends. Only the server's request threads are recorded, while a test's
 * request runs, so that background work of the service (housekeeping, processors) does not blur its count.
 */
public class StatementLog implements BeanPostProcessor {
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");
    private final List<String> trips = new ArrayList<>();
    private volatile boolean watching;

    /** Runs {@code request}, whose work happens on a server thread, and answers the round trips it took. */
    public synchronized List<String> during(Runnable request) {
        synchronized (trips) {
            trips.clear();
        }
        watching = true;
        try {
            request.run();
        } finally {
            watching = false;
        }
        synchronized (trips) {
            return List.copyOf(trips);
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            return proxy(DataSource.class, dataSource, (target, method, args) -> {
                Object result = invoke(target, method, args);
                return result instanceof Connection connection ? connection(connection) : result;
            });
        }
        return bean;
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            Object result = invoke(target, method, args);
            String name = method.getName();
            if (name.equals("commit")) {
                record("COMMIT");
            }
            if (result instanceof Statement statement && name.startsWith("prepare")) {
                return statement(statement, (String) args[0]);
            }
            if (result instanceof Statement statement) {
                return statement(statement, null);
            }
            return result;
        });
    }

    @SuppressWarnings("unchecked")
    private <S extends Statement> S statement(S statement, String preparedSql) {
        Class<S> type = (Class<S>) (statement instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                : statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class);
        return proxy(type, statement, (target, method, args) -> {
            if (EXECUTIONS.contains(method.getName())) {
                record(preparedSql != null ? preparedSql : args != null && args.length > 0 ? (String) args[0] : "?");
            }
            return invoke(target, method, args);
        });
    }

    private void record(String sql) {
        if (watching && Thread.currentThread().getName().startsWith("http-nio")) {
            synchronized (trips) {
                trips.add(sql.replaceAll("\\s+", " ").trim());
            }
        }
    }

    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        InvocationHandler invocation = (p, method, args) -> handler.handle(target, method, args);
        return (T) Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type}, invocation);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
