package dev.portico.command.api;

import dev.portico.events.Actor;

/** A controller parameter: the request carried the token of an internal service ({@code portico.services}). */
record ServiceCaller(Actor actor) {
}
