package dev.portico.command.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What the client API accepts at most, checked before any work is done (see the README, "Limits"). Anything
 * larger is answered 413 in the error envelope and never stored.
 *
 * @param maxBodySize         a request body
 * @param maxJsonDepth        nesting of objects and arrays in a body
 * @param maxJsonFields       fields and array elements in a body, all levels together
 * @param maxStringLength     characters of one string in a body (names, passwords, tokens, …)
 * @param maxDeviceFields     fields of {@code options.device}
 * @param maxDeviceFieldLength characters of one {@code options.device} value
 */
@ConfigurationProperties("portico.limits")
public record RequestLimits(DataSize maxBodySize, int maxJsonDepth, int maxJsonFields, int maxStringLength,
        int maxDeviceFields, int maxDeviceFieldLength) {
    public RequestLimits {
        maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(64) : maxBodySize;
        maxJsonDepth = maxJsonDepth <= 0 ? 16 : maxJsonDepth;
        maxJsonFields = maxJsonFields <= 0 ? 256 : maxJsonFields;
        maxStringLength = maxStringLength <= 0 ? 65_536 : maxStringLength;
        maxDeviceFields = maxDeviceFields <= 0 ? 16 : maxDeviceFields;
        maxDeviceFieldLength = maxDeviceFieldLength <= 0 ? 256 : maxDeviceFieldLength;
    }
}
