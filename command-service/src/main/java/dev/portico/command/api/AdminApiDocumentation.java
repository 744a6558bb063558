package dev.portico.command.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.models.GroupedOpenApi;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The operator API's OpenAPI document, {@code GET /v3/api-docs/admin}: every {@code /api/admin/**} handler, the
 * operator bearer token, and the error envelope with its stable codes.
 */
@Configuration(proxyBeanMethods = false)
class AdminApiDocumentation {
    private static final String OPERATOR_TOKEN = "operatorToken";

    static {
        // Resolved by this module's own argument resolvers, not bound from request parameters; a body is described
        // on its operation.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(OperatorCall.class, EjsonBody.class);
    }

    @Bean
    GroupedOpenApi adminApi() {
        return GroupedOpenApi.builder()
                .group("admin")
                .displayName("Portico operator API")
                .pathsToMatch("/api/admin/**")
                .addOpenApiCustomizer(AdminApiDocumentation::describe)
                .build();
    }

    private static void describe(OpenAPI api) {
        api.info(new Info().title("Portico operator API").version("v1").description(
                "Administration of users, server API keys and email/password registrations waiting for"
                        + " confirmation. Authenticated with an operator token of"
                        + " portico.operators; an end user's token is always refused. Errors are"
                        + " {\"error\": \"<message>\", \"error_code\": \"<code>\"} with the stable codes of the"
                        + " command-service README."));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        components.addSecuritySchemes(OPERATOR_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("an operator token of portico.operators"));
        Schema<?> error = new ObjectSchema()
                .addProperty("error", new StringSchema().description("what went wrong, for people"))
                .addProperty("error_code", new StringSchema().description("stable code, for programs"));
        components.addSchemas("Error", error);
        api.components(components);
        api.addSecurityItem(new SecurityRequirement().addList(OPERATOR_TOKEN));
        Map<String, String> refusals = Map.of(
                "400", "InvalidParameter: a malformed id, page size, cursor or body; BadRequest: an action the app's"
                        + " settings do not allow",
                "401", "MissingAuthReq or AuthError: no operator token, or not one",
                "404", "AppNotFound, UserNotFound (also a pending user), APIKeyNotFound or AuthProviderNotFound",
                "409", "ConcurrentChange: a concurrent change of the user won every retry; try again");
        api.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                refusals.forEach((status, description) -> operation.getResponses().addApiResponse(status,
                        new ApiResponse().description(description).content(new Content().addMediaType(
                                "application/json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/Error"))))))));
    }
}
