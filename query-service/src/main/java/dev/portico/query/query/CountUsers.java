package dev.portico.query.query;

import dev.portico.events.AppId;

/** How many users exist, in one app or (with a null app) in all; answered with a {@code Long}. */
public record CountUsers(AppId appId) {
}
