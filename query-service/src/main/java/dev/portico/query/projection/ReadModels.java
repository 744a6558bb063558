package dev.portico.query.projection;

import java.util.List;

/**
 * Every read model this service builds from the event store: the projection that writes it and its tables
 * (parents before children). A rebuild builds exactly these, beside the live tables, and then switches; a new
 * read model is one more line here.
 */
public final class ReadModels {
    /** A projection and the tables only it writes. */
    public record ReadModel(Class<?> projection, List<String> tables) {
    }

    public static final List<ReadModel> ALL = List.of(
            new ReadModel(UserProjection.class,
                    List.of("users", "user_identities", "user_sessions", "user_custom_data", "user_search_terms")));

    /** Where a rebuild builds the tables, and where the replaced ones are kept until the next rebuild. */
    public static final String REBUILD_SCHEMA = "read_model_rebuild";
    public static final String RETIRED_SCHEMA = "read_model_retired";

    private ReadModels() {
    }

    public static List<String> tables() {
        return ALL.stream().flatMap(model -> model.tables().stream()).toList();
    }
}
