package dev.portico.command.function;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How calls to function endpoints are bounded ({@code portico.functions.*}): {@code timeout} covers the whole
 * call, connecting and reading the answer included (a login waits on it); answers larger than
 * {@code maxAnswerSize} are refused unread.
 */
@ConfigurationProperties("portico.functions")
public record FunctionProperties(Duration timeout, DataSize maxAnswerSize) {
    public FunctionProperties {
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        maxAnswerSize = maxAnswerSize == null ? DataSize.ofMegabytes(1) : maxAnswerSize;
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("portico.functions.timeout must be between 100ms and 60s");
        }
        if (maxAnswerSize.toBytes() < 1024 || maxAnswerSize.toMegabytes() > 16) {
            throw new IllegalArgumentException("portico.functions.max-answer-size must be between 1KB and 16MB");
        }
    }
}
