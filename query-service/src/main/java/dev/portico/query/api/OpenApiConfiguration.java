package dev.portico.query.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The read API's OpenAPI document ({@code /v3/api-docs}) and its browsable form ({@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    static final String BEARER = "bearer";

    @Bean
    OpenAPI readApiDocument() {
        return new OpenAPI()
                .info(new Info().title("Portico read API").version("v1").description("""
                        Users, profiles, identities, sessions and custom data from the read models. Authenticate \
                        with a service credential (its scopes decide what it reads) or an end user's access token \
                        (it reads only its own user). Errors are RFC 9457 problem documents with a stable `code`. \
                        Pass a command-service response's X-Portico-Consistency header back to read your writes."""))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")));
    }
}
