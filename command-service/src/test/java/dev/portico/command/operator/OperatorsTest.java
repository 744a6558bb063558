package dev.portico.command.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.events.Actor;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorsTest {
    private static final String TOKEN = "an-operator-token-of-forty-characters-xx";
    /** SHA-256 of "operator-token-for-tests-0123456789abcdefghij". */
    private static final String HASHED = "sha256:72e016c35940b30d84d08ac2cc362ba94074d5e970193a7487b8da12375cd7b0";

    private static Operators operators(OperatorProperties.Operator... operators) {
        return new Operators(new OperatorProperties(List.of(operators)));
    }

    @Test
    void knowsAnOperatorByItsTokenGivenInClearOrAsItsHash() {
        Operators operators = operators(new OperatorProperties.Operator("alice", TOKEN),
                new OperatorProperties.Operator("bob", HASHED));

        assertThat(operators.authenticate(TOKEN)).contains(Actor.operator("alice"));
        assertThat(operators.authenticate("operator-token-for-tests-0123456789abcdefghij")).contains(Actor.operator("bob"));
        assertThat(operators.authenticate(HASHED)).isEmpty();
        assertThat(operators.authenticate(TOKEN.substring(1))).isEmpty();
        assertThat(operators.authenticate("")).isEmpty();
        assertThat(operators.authenticate(null)).isEmpty();
    }

    @Test
    void noOperatorsMeansNoOperatorIsKnown() {
        assertThat(operators().authenticate(TOKEN)).isEmpty();
    }

    @Test
    void badSettingsStopTheStartNamingTheSettingAndNeverTheToken() {
        assertThatThrownBy(() -> operators(new OperatorProperties.Operator("alice", "short-secret"),
                new OperatorProperties.Operator("bob", "sha256:abc"),
                new OperatorProperties.Operator("not allowed", TOKEN),
                new OperatorProperties.Operator("carol", TOKEN),
                new OperatorProperties.Operator("carol", TOKEN)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("""
                        the operator settings have errors:
                          - portico.operators[0].token: an operator token needs at least 32 characters; use a random \
                        one, and give it as sha256:<hex of its SHA-256>
                          - portico.operators[1].token: after 'sha256:' put the 64 hex digits of the token's SHA-256
                          - portico.operators[2].name: an operator needs a name of 1 to 128 letters, digits, '.', '_', \
                        '@' or '-'
                          - portico.operators[4].name: operator 'carol' is configured twice; give each its own name""")
                .message().doesNotContain("short-secret");
    }
}
