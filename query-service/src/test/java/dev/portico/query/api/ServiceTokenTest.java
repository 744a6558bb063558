package dev.portico.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceTokenTest {
    private final ServiceToken token = new ServiceToken("s3cret-token");

    @Test
    void onlyTheExactTokenMatches() {
        assertThat(token.matches("s3cret-token")).isTrue();
        assertThat(token.matches("s3cret-token ")).isFalse();
        assertThat(token.matches("s3cret-tokeN")).isFalse();
        assertThat(token.matches("s3cret")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void anEmptyTokenCannotBeConfigured() {
        assertThatThrownBy(() -> new ServiceToken(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
