package dev.portico.command.app;

import java.net.URI;

/**
 * Where one of an app's functions runs: the HTTP endpoint the operator maps to the function's name. A
 * {@code private} function serves the service itself (auth, confirmation, reset) and is never run for a
 * client's {@code functions/call}, as App Services' private functions were not.
 */
public record FunctionEndpoint(String name, URI url, boolean isPrivate) {
}
