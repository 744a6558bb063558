package dev.portico.command.apikey;

import dev.portico.events.ApiKeyId;
import dev.portico.events.AppId;
import dev.portico.events.UserId;

/** What a login learns of the key whose secret it was given: whose, in which app, and whether it is disabled. */
public record ApiKeyLogin(ApiKeyId id, UserId owner, AppId appId, boolean disabled) {
}
