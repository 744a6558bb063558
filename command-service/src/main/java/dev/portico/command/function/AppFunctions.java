package dev.portico.command.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.app.App;
import java.util.List;

/**
 * Runs an app's functions. App Services ran JavaScript; Portico calls the HTTP endpoint the operator maps to
 * each function name, so the logic behind an auth function, a confirmation or reset function, or a function a
 * user calls stays the app's own. The contract of such an endpoint is in the module README.
 */
public interface AppFunctions {
    /**
     * Runs a function on the service's own behalf (auth, confirmation and reset functions, which run before
     * anybody is logged in); private functions included.
     *
     * @param arguments the function's arguments, as App Services passed them
     * @return what the function answered
     * @throws FunctionNotFound when the app maps no endpoint to the name
     * @throws FunctionFailed when the function reports an error, or its endpoint fails, times out or answers
     *         something that is not a function's answer
     */
    JsonNode call(App app, String functionName, List<JsonNode> arguments);

    /**
     * Runs a function for a logged-in user ({@code functions/call}): the endpoint learns who calls, and a
     * private function is not found, as App Services' private functions could not be called by clients.
     * An implementation that runs no functions for users finds none.
     */
    default JsonNode callAsUser(App app, String functionName, List<JsonNode> arguments, FunctionCaller caller) {
        throw new FunctionNotFound(functionName);
    }
}
