package dev.portico.command.apikey;

/**
 * A session asked to delete the very key it logged in with. App Services refused that (403): the session
 * would act on after its own credential is gone.
 */
public class ApiKeyInUse extends RuntimeException {
    ApiKeyInUse() {
        super("cannot delete the API key this session logged in with", null, false, false);
    }
}
