package dev.portico.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The operator API's OpenAPI document is valid and names every operator handler there is. */
@CommandServiceTest
class AdminApiDocumentationTest {
    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void theDocumentIsValidAndCoversEveryAdminHandler() {
        Response document = new ClientApi(port).get("/v3/api-docs/admin", null);
        assertThat(document.status()).as(document.body()).isEqualTo(200);

        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.body());

        assertThat(parsed.getMessages()).isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        Set<String> documented = new HashSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet().forEach(method ->
                documented.add(method.name() + " " + path)));
        Set<String> served = new HashSet<>();
        handlers.getHandlerMethods().keySet().forEach(mapping -> mapping.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/admin/"))
                .forEach(pattern -> mapping.getMethodsCondition().getMethods().forEach(method ->
                        served.add(method.name().toUpperCase(Locale.ROOT) + " " + pattern))));
        assertThat(served).hasSizeGreaterThanOrEqualTo(8);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
        assertThat(api.getComponents().getSecuritySchemes()).containsKey("operatorToken");
        PathItem disable = api.getPaths().get("/api/admin/v1/apps/{appId}/users/{userId}/disable");
        assertThat(disable.getPost().getParameters()).extracting(p -> p.getName())
                .containsExactlyInAnyOrder("appId", "userId");
        assertThat(disable.getPost().getResponses()).containsKeys("200", "400", "401", "404");
        var create = api.getPaths().get("/api/admin/v1/apps/{appId}/api_keys").getPost();
        assertThat(create.getParameters()).extracting(p -> p.getName()).containsExactly("appId");
        assertThat(create.getRequestBody().getContent().get("application/json").getSchema().get$ref())
                .endsWith("NewKeyBody");
    }
}
