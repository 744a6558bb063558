package dev.portico.query.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The JSON Schemas of the Kafka contract, as shared-events ships them, and an assertion that a message obeys them. */
final class LifecycleSchemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    static final JsonSchema ENVELOPE = load("cloudevent");
    static final Map<String, JsonSchema> DATA = LifecycleMessages.TYPES.stream()
            .collect(Collectors.toMap(Function.identity(), LifecycleSchemas::load));

    private LifecycleSchemas() {
    }

    /** The envelope obeys the CloudEvent schema and its data the schema of its type. */
    static void assertValid(JsonNode cloudEvent) {
        assertThat(ENVELOPE.validate(cloudEvent)).as("envelope of %s", cloudEvent).isEmpty();
        String type = cloudEvent.get("type").asText();
        assertThat(DATA).as("a schema for %s", type).containsKey(type);
        assertThat(DATA.get(type).validate(cloudEvent.get("data"))).as("data of %s", cloudEvent).isEmpty();
    }

    private static JsonSchema load(String name) {
        try (InputStream in = LifecycleSchemas.class.getResourceAsStream("/lifecycle/" + name + ".schema.json")) {
            assertThat(in).as("lifecycle/%s.schema.json on the class path", name).isNotNull();
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
