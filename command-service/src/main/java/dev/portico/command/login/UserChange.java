package dev.portico.command.login;

/**
 * What an operator's action did: whether the user's state changed (disabling a disabled user does not), and
 * how many open sessions it ended.
 */
public record UserChange(boolean changed, int sessionsEnded) {
}
