package dev.portico.events;

/**
 * An event of the identity history. Every one is about exactly one user, whichever stream it is stored in
 * (a user's own, or one of its sessions'), so a user's whole history is the events that name it.
 */
public interface UserEvent {
    UserId userId();
}
