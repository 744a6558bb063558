package dev.portico.bench;

import java.net.URI;

/** Where the load goes: a plain-HTTP base URL, which must be on the loopback interface. */
record Target(String host, int port) {

    static Target of(String baseUrl) {
        URI uri = URI.create(baseUrl);
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("only http:// base URLs are supported: " + baseUrl);
        }
        String host = uri.getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host) && !"::1".equals(host) && !"[::1]".equals(host)) {
            throw new IllegalArgumentException("the bench drives loopback only (127.0.0.1): " + baseUrl);
        }
        if ("localhost".equals(host)) {
            host = "127.0.0.1";
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        return new Target(host, port);
    }

    String hostHeader() {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    String baseUrl() {
        return "http://" + hostHeader();
    }
}
