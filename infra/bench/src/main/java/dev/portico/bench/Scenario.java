package dev.portico.bench;

import java.nio.charset.StandardCharsets;

/**
 * A named workload: the prepared calls that the workers cycle through (each worker from its own offset, like
 * the Keycloak script's token pools) and a marker that a good response body contains. A response is an error
 * when its status is not 2xx or its body lacks the marker.
 */
record Scenario(String name, Call[] calls, byte[] marker) {

    static Scenario of(String name, Call[] calls, String marker) {
        if (calls.length == 0) {
            throw new IllegalArgumentException("scenario " + name + " has no calls");
        }
        return new Scenario(name, calls, marker == null ? new byte[0] : marker.getBytes(StandardCharsets.US_ASCII));
    }

    boolean valid(Reply reply) {
        return reply.contains(marker);
    }
}
