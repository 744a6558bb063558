package dev.portico.command.provider;

/**
 * The identity provider could not be asked (unreachable, timed out, answered nonsense): the credentials may
 * be fine, so this is no refusal. The message is shown to the client and names only the provider.
 */
public class ProviderUnavailable extends RuntimeException {
    public ProviderUnavailable(String provider) {
        super(provider + " is unavailable, try again later", null, false, false);
    }
}
