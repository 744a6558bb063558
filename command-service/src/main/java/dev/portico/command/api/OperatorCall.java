package dev.portico.command.api;

import dev.portico.events.Actor;

/**
 * A controller parameter: the request carried the token of an operator of {@code portico.operators}; the actor
 * is what the history records as having acted. Declare it first, so that a request without an operator token is
 * refused (401) before anything else about it is looked at.
 */
public record OperatorCall(Actor actor) {
}
