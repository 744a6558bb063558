package dev.portico.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void generatedIdsAreDistinctObjectIdHexStrings() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = UserId.generate().value();
            assertThat(id).matches("[0-9a-f]{24}");
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void typedIdsPrintAsTheirValueForAxon() {
        UserId id = new UserId("65aa00000000000000000001");

        assertThat(id.toString()).isEqualTo("65aa00000000000000000001");
    }

    @Test
    void rejectsIdsThatSdksCouldNotParse() {
        assertThatThrownBy(() -> new UserId("not-an-id")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeviceId("65AA00000000000000000001")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knowsTheProtocolNamesOfProviders() {
        assertThat(dev.portico.events.identity.ProviderType.fromWireName("anon-user")).contains(dev.portico.events.identity.ProviderType.ANONYMOUS);
        assertThat(dev.portico.events.identity.ProviderType.fromWireName("oauth2-apple")).contains(dev.portico.events.identity.ProviderType.APPLE);
        assertThat(dev.portico.events.identity.ProviderType.fromWireName("anonymous")).isEmpty();
    }
}
