package dev.portico.command.userpass;

import static dev.portico.command.support.UserpassApps.AUTO;
import static dev.portico.command.support.UserpassApps.CONFIRM_FUNCTION;
import static dev.portico.command.support.UserpassApps.FUNCTION;
import static dev.portico.command.support.UserpassApps.MAIL;
import static dev.portico.command.support.UserpassApps.RESET_FUNCTION;
import static dev.portico.command.userpass.UserpassAssertions.assertError;
import static dev.portico.command.userpass.UserpassAssertions.assertNoContent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.command.claim.IdentityClaims;
import dev.portico.command.function.FunctionFailed;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.ScriptedFunctions;
import dev.portico.command.support.UserpassClient;
import dev.portico.command.support.UserpassClient.Link;
import dev.portico.command.support.UserpassRows;
import dev.portico.testsupport.ClientApi;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Apps that confirm accounts or reset passwords with a function of their own: the function gets App Services'
 * arguments, and its {@code status} decides (success, pending, fail).
 */
@CommandServiceTest
class AppFunctionsTest {
    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    ScriptedFunctions functions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityClaims claims;
    private UserpassClient userpass;
    private UserpassRows rows;

    @BeforeEach
    void connect() {
        userpass = new UserpassClient(new ClientApi(port));
        rows = new UserpassRows(jdbc, claims);
    }

    @Test
    void theConfirmationFunctionGetsTheUsernameAndALinkTokenAndItsSuccessConfirms() {
        String email = "Walter." + UUID.randomUUID() + "@example.test";
        functions.script(FUNCTION, CONFIRM_FUNCTION, arguments -> status("success"));

        assertThat(userpass.register(FUNCTION, email, PASSWORD).status()).isEqualTo(201);

        JsonNode argument = lastCall(FUNCTION, CONFIRM_FUNCTION).get(0);
        assertThat(fieldNames(argument)).containsExactly("username", "token", "tokenId");
        assertThat(argument.get("username").asText()).isEqualTo(email);
        assertThat(argument.get("token").asText()).matches("[0-9a-f]{64}");
        assertThat(argument.get("tokenId").asText()).matches("[0-9a-f]{24}");
        assertThat(userpass.logIn(FUNCTION, email, PASSWORD).status()).isEqualTo(200);
        assertError(userpass.confirm(FUNCTION, link(argument)), 400, "UserpassTokenInvalid", "invalid token data");
    }

    @Test
    void pendingLeavesTheLinkToTheClientOrToARetryOfTheFunction() {
        String email = "xena." + UUID.randomUUID() + "@example.test";
        functions.script(FUNCTION, CONFIRM_FUNCTION, arguments -> status("pending"));
        userpass.register(FUNCTION, email, PASSWORD);
        assertError(userpass.logIn(FUNCTION, email, PASSWORD), 401, "AuthError", "confirmation required");

        functions.script(FUNCTION, CONFIRM_FUNCTION, arguments -> status("success"));
        assertNoContent(userpass.retryConfirmation(FUNCTION, email));

        assertThat(userpass.logIn(FUNCTION, email, PASSWORD).status()).isEqualTo(200);
        assertError(userpass.retryConfirmation(FUNCTION, email), 400, "UserAlreadyConfirmed", "already confirmed");

        String other = "yara." + UUID.randomUUID() + "@example.test";
        functions.script(FUNCTION, CONFIRM_FUNCTION, arguments -> status("pending"));
        userpass.register(FUNCTION, other, PASSWORD);
        assertNoContent(userpass.confirm(FUNCTION, link(lastCall(FUNCTION, CONFIRM_FUNCTION).get(0))));
        assertThat(userpass.logIn(FUNCTION, other, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void failWithdrawsTheRegistrationAndFreesTheAddress() {
        String email = "zed." + UUID.randomUUID() + "@example.test";
        functions.script(FUNCTION, CONFIRM_FUNCTION, arguments -> status("fail"));

        assertError(userpass.register(FUNCTION, email, PASSWORD), 400, "BadRequest", "failed to confirm user \"" + email + "\"");

        assertThat(rows.credentials(FUNCTION, email)).isZero();
        functions.script(FUNCTION, CONFIRM_FUNCTION, arguments -> status("success"));
        assertThat(userpass.register(FUNCTION, email, PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void aFunctionThatFailsOrAnswersNonsenseLeavesNoRegistration() {
        String broken = "amy." + UUID.randomUUID() + "@example.test";
        functions.script(FUNCTION, CONFIRM_FUNCTION, arguments -> {
            throw new FunctionFailed("the endpoint answered 502", null);
        });
        assertError(userpass.register(FUNCTION, broken, PASSWORD), 400, "FunctionExecutionError", "the endpoint answered 502");
        assertThat(rows.credentials(FUNCTION, broken)).isZero();

        String odd = "ben." + UUID.randomUUID() + "@example.test";
        functions.script(FUNCTION, CONFIRM_FUNCTION, arguments -> status("maybe"));
        assertError(userpass.register(FUNCTION, odd, PASSWORD), 400, "FunctionExecutionError",
                "function 'confirmUser' must answer {\"status\": \"success\" | \"pending\" | \"fail\"}");
        assertThat(rows.credentials(FUNCTION, odd)).isZero();

        String missing = "cid." + UUID.randomUUID() + "@example.test";
        functions.forget(FUNCTION, CONFIRM_FUNCTION);
        assertError(userpass.register(FUNCTION, missing, PASSWORD), 404, "FunctionNotFound",
                "function not found: 'confirmUser'");
        assertThat(rows.credentials(FUNCTION, missing)).isZero();
    }

    @Test
    void retryingTheConfirmationNeedsAWaitingRegistrationAndAFunction() {
        assertError(userpass.retryConfirmation(FUNCTION, "nobody." + UUID.randomUUID() + "@example.test"), 404,
                "UserNotFound", "user not found");
        assertError(userpass.retryConfirmation(AUTO, "dora@example.test"), 400, "BadRequest",
                "cannot run confirmation for dora@example.test: automatic confirmation is enabled");
        assertError(userpass.retryConfirmation(MAIL, "dora@example.test"), 400, "BadRequest",
                "cannot run confirmation for dora@example.test: confirmation by function is not enabled");
        assertError(userpass.resendConfirmation(FUNCTION, "dora@example.test"), 400, "BadRequest",
                "cannot send a confirmation e-mail: new accounts of this app are confirmed by a function; retry the"
                        + " custom confirmation instead");
        assertError(userpass.resendConfirmation(AUTO, "dora@example.test"), 400, "BadRequest",
                "cannot send a confirmation e-mail: new accounts of this app are confirmed automatically");
    }

    @Test
    void theResetFunctionGetsAppServicesArgumentsAndItsSuccessSetsThePassword() {
        String email = "eve." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, email, PASSWORD);
        functions.script(AUTO, RESET_FUNCTION, arguments -> status("success"));

        assertNoContent(userpass.callReset(AUTO, email, "new password 1",
                "[{\"$numberInt\": \"7\"}, \"question\", {\"answer\": {\"$date\": {\"$numberLong\": \"0\"}}}]"));

        List<JsonNode> call = lastCall(AUTO, RESET_FUNCTION);
        assertThat(call).hasSize(4);
        assertThat(fieldNames(call.get(0))).containsExactly("username", "password", "token", "tokenId",
                "currentPasswordValid");
        assertThat(call.get(0).get("username").asText()).isEqualTo(email);
        assertThat(call.get(0).get("password").asText()).isEqualTo("new password 1");
        assertThat(call.get(0).get("currentPasswordValid").asBoolean()).isFalse();
        assertThat(JSON.valueToTree(call.subList(1, 4)).toString())
                .isEqualTo("[7,\"question\",{\"answer\":{\"$date\":\"1970-01-01T00:00:00Z\"}}]");
        assertThat(userpass.logIn(AUTO, email, "new password 1").status()).isEqualTo(200);
        assertError(userpass.logIn(AUTO, email, PASSWORD), 401, "InvalidPassword", "invalid username/password");

        userpass.callReset(AUTO, email, "new password 1", "[]");
        assertThat(lastCall(AUTO, RESET_FUNCTION).get(0).get("currentPasswordValid").asBoolean())
                .as("the function is told when the password given is the current one").isTrue();
    }

    @Test
    void aPendingResetIsCompletedWithTheTokenAndAFailedOneChangesNothing() {
        String email = "fay." + UUID.randomUUID() + "@example.test";
        userpass.register(AUTO, email, PASSWORD);
        functions.script(AUTO, RESET_FUNCTION, arguments -> status("pending"));
        assertNoContent(userpass.callReset(AUTO, email, "new password 2", "[]"));
        Link link = link(lastCall(AUTO, RESET_FUNCTION).get(0));
        assertThat(userpass.logIn(AUTO, email, PASSWORD).status()).as("pending changes nothing yet").isEqualTo(200);
        assertNoContent(userpass.reset(AUTO, link, "new password 2"));
        assertThat(userpass.logIn(AUTO, email, "new password 2").status()).isEqualTo(200);

        functions.script(AUTO, RESET_FUNCTION, arguments -> status("fail"));
        String before = rows.snapshot(AUTO, email);
        assertError(userpass.callReset(AUTO, email, "new password 3", "[]"), 400, "BadRequest",
                "failed to reset password for user \"" + email + "\"");
        assertThat(rows.snapshot(AUTO, email)).isEqualTo(before);
        assertError(userpass.reset(AUTO, link(lastCall(AUTO, RESET_FUNCTION).get(0)), "new password 3"), 400,
                "UserpassTokenInvalid", "invalid token data");
    }

    @Test
    void resetByFunctionNeedsAnAccountAndAnAppThatResetsByFunction() {
        functions.script(AUTO, RESET_FUNCTION, arguments -> status("success"));
        assertError(userpass.callReset(AUTO, "nobody." + UUID.randomUUID() + "@example.test", "new password", "[]"),
                404, "UserNotFound", "user not found");
        assertError(userpass.callReset(MAIL, "gus@example.test", "new password", "[]"), 400, "BadRequest",
                "reset password via function is not enabled for this app");
        assertError(userpass.callReset(AUTO, "gus@example.test", "short", "[]"), 400, "BadRequest",
                "password must be between 6 and 128 characters");
    }

    private List<JsonNode> lastCall(String app, String function) {
        List<List<JsonNode>> calls = functions.calls(app, function);
        assertThat(calls).isNotEmpty();
        return calls.get(calls.size() - 1);
    }

    private static Link link(JsonNode argument) {
        return new Link(null, argument.get("token").asText(), argument.get("tokenId").asText());
    }

    private static JsonNode status(String status) {
        return JSON.createObjectNode().put("status", status);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
