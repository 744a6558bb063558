package dev.portico.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Sign-in attempts are limited per address; other requests and other addresses are not held up. */
class SignInRateLimitTest {
    private final SignInRateLimit limit = new SignInRateLimit(3);

    @Test
    void theAttemptAfterTheLimitIsRefusedUnchecked() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(attempt("POST", "/console/sign-in", "192.0.2.1").getStatus()).isEqualTo(200);
        }

        MockHttpServletResponse refused = attempt("POST", "/console/sign-in", "192.0.2.1");

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
        assertThat(refused.getContentAsString()).contains("Too many sign-in attempts");
    }

    @Test
    void anotherAddressAndOtherRequestsAreNotLimited() throws Exception {
        for (int i = 0; i < 4; i++) {
            attempt("POST", "/console/sign-in", "192.0.2.2");
        }

        assertThat(attempt("POST", "/console/sign-in", "192.0.2.3").getStatus()).isEqualTo(200);
        assertThat(attempt("GET", "/console/sign-in", "192.0.2.2").getStatus()).isEqualTo(200);
        assertThat(attempt("POST", "/console/users/65aa00000000000000000001/disable", "192.0.2.2").getStatus())
                .isEqualTo(200);
    }

    private MockHttpServletResponse attempt(String method, String path, String address) throws Exception {
        var request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        request.setRemoteAddr(address);
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();
        limit.doFilter(request, response, chain);
        if (chain.getRequest() != null) {
            response.setStatus(200);
        }
        return response;
    }
}
