package dev.portico.command.function;

/** The app has no function of that name, or none that this caller may run. */
public class FunctionNotFound extends RuntimeException {
    public FunctionNotFound(String name) {
        super("function not found: '" + name + "'", null, false, false);
    }
}
