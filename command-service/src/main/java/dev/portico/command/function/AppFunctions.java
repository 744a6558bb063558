package dev.portico.command.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.app.App;
import java.util.List;

/**
 * Runs an app's functions. App Services ran JavaScript; Portico calls the HTTP endpoint the operator maps to
 * each function name, so the logic behind an auth function, a confirmation or reset function, or a function a
 * user calls stays the app's own.
 */
public interface AppFunctions {
    /**
     * @param arguments the function's arguments, as App Services passed them
     * @return what the function answered
     * @throws FunctionNotFound when the app maps no endpoint to the name
     * @throws FunctionFailed when the endpoint fails, times out or answers something that is not JSON
     */
    JsonNode call(App app, String functionName, List<JsonNode> arguments);
}
