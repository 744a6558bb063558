package dev.portico.command.app;

import java.util.List;

/** Where apps come from: the service's own settings, an exported app directory, … */
public interface AppSource {
    /** The apps this source defines; problems go to {@code problems}, naming file and field. */
    List<App> apps(ConfigurationProblems problems);
}
