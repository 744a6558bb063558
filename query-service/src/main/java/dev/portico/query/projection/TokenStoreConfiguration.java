package dev.portico.query.projection;

import dev.portico.events.store.EventTables;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Processor tokens live in this service's own table, created by its Flyway migration V1. */
@Configuration(proxyBeanMethods = false)
public class TokenStoreConfiguration {
    public static final String TOKEN_TABLE = "query_token_entry";

    @Bean
    public TokenSchema tokenSchema() {
        return EventTables.tokenSchema(TOKEN_TABLE);
    }
}
