package dev.portico.command.api;

import dev.portico.command.session.AccessTokenClaims;

/**
 * A controller parameter: the request carried a valid access token. Unlike {@link AccessSession}, whether its
 * session is still open is not checked yet: the handler checks it in the query it makes anyway (the profile
 * does, with {@code Accounts.findInOpenSession}), saving a round trip on the busiest endpoint.
 */
public record AccessToken(AccessTokenClaims claims) {
}
