package dev.portico.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A response, reused by a worker from one request to the next to avoid garbage. */
final class Reply {
    int status;
    byte[] body = new byte[4096];
    int length;

    void body(byte[] source, int offset, int count) {
        if (body.length < count) {
            body = new byte[Math.max(count, body.length * 2)];
        }
        System.arraycopy(source, offset, body, 0, count);
        length = count;
    }

    void append(byte[] source, int offset, int count) {
        if (body.length < length + count) {
            body = Arrays.copyOf(body, Math.max(length + count, body.length * 2));
        }
        System.arraycopy(source, offset, body, length, count);
        length += count;
    }

    boolean success() {
        return status >= 200 && status < 300;
    }

    /** Whether the body contains the ASCII text (a cheap check that a response is what it should be). */
    boolean contains(byte[] needle) {
        outer:
        for (int i = 0, last = length - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    String text() {
        return new String(body, 0, length, StandardCharsets.UTF_8);
    }
}
