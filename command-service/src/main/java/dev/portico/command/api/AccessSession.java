package dev.portico.command.api;

import dev.portico.command.session.AccessTokenClaims;

/** A controller parameter: the request carried a valid access token of a session that is still open. */
public record AccessSession(AccessTokenClaims claims) {
}
