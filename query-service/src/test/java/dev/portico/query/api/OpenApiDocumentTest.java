package dev.portico.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.query.support.QueryServiceTest;
import dev.portico.testsupport.ClientApi;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI document is valid, reachable without credentials, and names every endpoint of the API. */
@QueryServiceTest
class OpenApiDocumentTest {
    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theDocumentIsValidAndListsEveryApiEndpoint() {
        ClientApi.Response response = new ClientApi(port).get("/v3/api-docs", null);
        assertThat(response.status()).isEqualTo(200);

        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(response.body());

        assertThat(parsed.getMessages()).isEmpty();
        OpenAPI document = parsed.getOpenAPI();
        assertThat(document.getComponents().getSecuritySchemes()).containsKey("bearer");
        int checked = 0;
        for (var mapping : mappings.getHandlerMethods().keySet()) {
            for (String path : mapping.getPatternValues()) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                PathItem item = document.getPaths().get(path);
                assertThat(item).as("%s in the document", path).isNotNull();
                for (RequestMethod method : mapping.getMethodsCondition().getMethods()) {
                    assertThat(item.readOperationsMap().keySet()).as("%s %s", method, path)
                            .anyMatch(m -> m.name().equals(method.name().toUpperCase(Locale.ROOT)));
                }
                checked++;
            }
        }
        assertThat(checked).as("endpoints under /api/").isGreaterThanOrEqualTo(7);
    }

    @Test
    void theBrowsableUiIsServed() {
        ClientApi api = new ClientApi(port);
        ClientApi.Response ui = api.get("/swagger-ui/index.html", null);

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
        ClientApi.Response entry = api.get("/swagger-ui.html", null);
        assertThat(entry.status()).isEqualTo(302);
        assertThat(entry.header("Location")).endsWith("/swagger-ui/index.html");
    }
}
