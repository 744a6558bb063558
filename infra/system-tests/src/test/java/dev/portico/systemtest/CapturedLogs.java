package dev.portico.systemtest;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The services' log events (both run in this JVM), kept in memory as text (message with its arguments, MDC,
 * key-value pairs and stack trace) for the secret scan. The appender is named in logback-test.xml: Spring
 * Boot re-reads that file as each service starts, which replaces the appender, so the events live in one
 * static queue for the whole run.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {
    /**
     * The harness's own loggers, which are not the services': it logs node's output (test names and failure
     * messages, which quote what the tests sent), and the SMTP server, which stands for the mail server the
     * addresses belong to, logs the addresses it receives for.
     */
    private static final List<String> HARNESS = List.of("dev.portico.systemtest.", "dev.portico.testsupport.",
            "dev.portico.stack.", "com.icegreen.greenmail.");
    private static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();

    @Override
    protected void append(ILoggingEvent event) {
        if (HARNESS.stream().anyMatch(event.getLoggerName()::startsWith)) {
            return;
        }
        StringBuilder text = new StringBuilder().append(event.getLevel()).append(' ').append(event.getLoggerName())
                .append(' ').append(event.getFormattedMessage());
        if (!event.getMDCPropertyMap().isEmpty()) {
            text.append(' ').append(event.getMDCPropertyMap());
        }
        if (event.getKeyValuePairs() != null && !event.getKeyValuePairs().isEmpty()) {
            text.append(' ').append(event.getKeyValuePairs());
        }
        if (event.getThrowableProxy() != null) {
            text.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        EVENTS.add(text.toString());
    }

    /** The events logged so far, in order. */
    static List<String> events() {
        return List.copyOf(EVENTS);
    }
}
