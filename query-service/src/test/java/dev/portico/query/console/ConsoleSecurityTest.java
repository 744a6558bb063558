package dev.portico.query.console;

import static dev.portico.query.support.ServiceSettingsInitializer.AUDITOR_TOKEN;
import static dev.portico.query.support.ServiceSettingsInitializer.CONSOLE_OPERATOR;
import static dev.portico.query.support.ServiceSettingsInitializer.CONSOLE_OPERATOR_TOKEN;
import static dev.portico.query.support.ServiceSettingsInitializer.USERS_READER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.events.AppId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import dev.portico.query.support.ConsoleBrowser;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.TestAccessTokens;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who gets into the console, and what protects a signed-in operator's session. */
@QueryServiceTest
class ConsoleSecurityTest {
    @LocalServerPort
    int port;

    private ConsoleBrowser browser;

    @BeforeEach
    void setUp() {
        browser = new ConsoleBrowser(port);
    }

    @Test
    void anAnonymousVisitorIsSentToSignInAndShownNoPage() {
        for (String path : new String[] {"/console", "/console/users", "/console/users/65aa00000000000000000001",
                "/console/history", "/console/apps"}) {
            HttpResponse<String> page = browser.get(path);

            assertThat(page.statusCode()).as(path).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).as(path).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/console/sign-in"));
            assertThat(page.body()).as(path).doesNotContain("<table");
        }
    }

    @Test
    void theOperatorsNameAndTokenSignIn() {
        HttpResponse<String> signedIn = browser.signIn(CONSOLE_OPERATOR, CONSOLE_OPERATOR_TOKEN);

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/console"));
        HttpResponse<String> overview = browser.get("/console");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("Overview").contains(CONSOLE_OPERATOR);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() {
        HttpResponse<String> signedIn = browser.signIn(CONSOLE_OPERATOR, CONSOLE_OPERATOR_TOKEN);

        assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Strict"));
    }

    @Test
    void everyPageForbidsInlineScriptAndStyleAndOtherOrigins() {
        HttpResponse<String> page = browser.get("/console/sign-in");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .startsWith("default-src 'self';").doesNotContain("unsafe-inline").contains("frame-ancestors 'none'"));
    }

    @Test
    void aWrongTokenAWrongNameOrAnotherCredentialsNameIsRefused() {
        assertRefused(browser.signIn(CONSOLE_OPERATOR, CONSOLE_OPERATOR_TOKEN + "x"));
        assertRefused(browser.signIn("nobody", CONSOLE_OPERATOR_TOKEN));
        assertRefused(browser.signIn("auditor", CONSOLE_OPERATOR_TOKEN));
        assertRefused(browser.signIn(CONSOLE_OPERATOR, ""));

        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void anEndUsersAccessTokenNeverSignsIn() {
        UserId user = new UserId("65aa00000000000000000042");
        String accessToken = TestAccessTokens.valid(user, SessionId.generate(), new AppId("console-app"));

        assertRefused(browser.signIn(user.value(), accessToken));
        assertRefused(browser.signIn(CONSOLE_OPERATOR, accessToken));
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        browser.signIn(CONSOLE_OPERATOR, CONSOLE_OPERATOR_TOKEN);
        browser.get("/console");

        HttpResponse<String> forged = browser.postWithoutCsrf("/console/users/65aa00000000000000000001/disable",
                Map.of());
        HttpResponse<String> signOut = browser.postWithoutCsrf("/console/sign-out", Map.of());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(signOut.statusCode()).as("not even signing out").isEqualTo(403);
        assertThat(browser.get("/console").statusCode()).as("still signed in").isEqualTo(200);
    }

    @Test
    void signingOutEndsTheSession() {
        browser.signIn(CONSOLE_OPERATOR, CONSOLE_OPERATOR_TOKEN);
        browser.get("/console");

        HttpResponse<String> signedOut = browser.post("/console/sign-out", Map.of());

        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void theConsoleShowsOnlyWhatTheCredentialsScopesAllow() {
        browser.signIn("users-reader", USERS_READER_TOKEN);
        assertThat(browser.get("/console/users").statusCode()).isEqualTo(200);
        assertThat(browser.get("/console/history").statusCode()).isEqualTo(403);
        assertThat(browser.get("/console/apps").statusCode()).isEqualTo(403);

        ConsoleBrowser auditor = new ConsoleBrowser(port);
        auditor.signIn("auditor", AUDITOR_TOKEN);
        assertThat(auditor.get("/console/history").statusCode()).isEqualTo(200);
        assertThat(auditor.get("/console/users").statusCode()).isEqualTo(403);
    }

    private static void assertRefused(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/console/sign-in?error"));
    }
}
