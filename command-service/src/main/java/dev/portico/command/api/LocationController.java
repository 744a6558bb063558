package dev.portico.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Tells SDKs which base URL to use for everything else; realm-web reads only {@code hostname}. */
@RestController
class LocationController {
    private final Apps apps;
    private final String publicUrl;

    LocationController(Apps apps, @Value("${portico.public-url:}") String publicUrl) {
        this.apps = apps;
        this.publicUrl = stripTrailingSlash(publicUrl);
    }

    record Location(@JsonProperty("deployment_model") String deploymentModel, String location, String hostname,
            @JsonProperty("ws_hostname") String wsHostname) {
    }

    @GetMapping("/api/client/v2.0/app/{appId}/location")
    Location location(@PathVariable String appId, HttpServletRequest request) {
        apps.require(appId);
        String hostname = publicUrl.isEmpty()
                ? ServletUriComponentsBuilder.fromContextPath(request).build().toUriString()
                : publicUrl;
        return new Location("GLOBAL", "LOCAL", hostname, hostname.replaceFirst("^http", "ws"));
    }

    // SDKs append paths to the hostname as it is, so a trailing slash would double up.
    private static String stripTrailingSlash(String url) {
        String trimmed = url == null ? "" : url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
