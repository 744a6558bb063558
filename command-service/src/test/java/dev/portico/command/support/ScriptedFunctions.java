package dev.portico.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.app.App;
import dev.portico.command.function.AppFunctions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The app functions of the tests: a test may script what a function of an app answers, and read back the
 * arguments each call got. A function nobody scripted runs where the app maps it (the stand-in endpoints of
 * {@link StandIns}), through the service's own {@link AppFunctions}.
 */
public class ScriptedFunctions implements AppFunctions {
    private final AppFunctions endpoints;

    private final Map<String, Function<List<JsonNode>, JsonNode>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<List<JsonNode>>> calls = new ConcurrentHashMap<>();

    public ScriptedFunctions(AppFunctions endpoints) {
        this.endpoints = endpoints;
    }

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
        return script == null ? endpoints.call(app, functionName, arguments) : script.apply(arguments);
    }

    @Override
    public JsonNode callAsUser(App app, String functionName, List<JsonNode> arguments,
            dev.portico.command.function.FunctionCaller caller) {
        Function<List<JsonNode>, JsonNode> script = scripts.get(app.id().value() + "/" + functionName);
        return script == null ? endpoints.callAsUser(app, functionName, arguments, caller) : call(app, functionName, arguments);
    }
}
