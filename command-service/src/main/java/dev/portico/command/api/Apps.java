package dev.portico.command.api;

import dev.portico.command.app.App;
import dev.portico.command.app.AppRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Resolves the app named in a URL, or refuses the request the way App Services did. */
@Component
class Apps {
    private final AppRegistry registry;

    Apps(AppRegistry registry) {
        this.registry = registry;
    }

    App require(String clientAppId) {
        return registry.find(clientAppId).orElseThrow(() -> new ClientApiException(HttpStatus.NOT_FOUND,
                ErrorCode.AppNotFound, "cannot find app using Client App ID '" + clientAppId + "'"));
    }
}
