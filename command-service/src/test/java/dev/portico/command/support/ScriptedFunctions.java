package dev.portico.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.app.App;
import dev.portico.command.function.AppFunctions;
import dev.portico.command.function.FunctionNotFound;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The app functions of the tests: each test scripts what a function of an app answers, and reads back the
 * arguments each call got. A function nobody scripted does not exist.
 */
public class ScriptedFunctions implements AppFunctions {
    private final Map<String, Function<List<JsonNode>, JsonNode>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<List<JsonNode>>> calls = new ConcurrentHashMap<>();

    /** From now on, {@code function} of {@code app} answers with {@code behaviour} (which may throw). */
    public void script(String app, String function, Function<List<JsonNode>, JsonNode> behaviour) {
        scripts.put(app + "/" + function, behaviour);
    }

    public void forget(String app, String function) {
        scripts.remove(app + "/" + function);
    }

    /** The arguments of each call so far, oldest first. */
    public List<List<JsonNode>> calls(String app, String function) {
        return List.copyOf(calls.getOrDefault(app + "/" + function, List.of()));
    }

    @Override
    public JsonNode call(App app, String functionName, List<JsonNode> arguments) {
        String key = app.id().value() + "/" + functionName;
        calls.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(List.copyOf(arguments));
        Function<List<JsonNode>, JsonNode> script = scripts.get(key);
        if (script == null) {
            throw new FunctionNotFound(functionName);
        }
        return script.apply(arguments);
    }
}
