package dev.portico.command.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the key store lives: by default (no url) in the event store's database, where a key is created and
 * destroyed in the very transaction of the events; or in a database of its own, so that a copy of the event
 * store's database holds no key that opens it.
 */
@ConfigurationProperties("portico.key-store")
public record KeyStoreProperties(String url, String username, String password) {
    boolean separate() {
        return url != null && !url.isBlank();
    }
}
