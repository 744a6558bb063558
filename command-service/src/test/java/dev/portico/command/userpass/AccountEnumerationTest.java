package dev.portico.command.userpass;

import static dev.portico.command.support.UserpassApps.MAIL;
import static dev.portico.command.userpass.UserpassAssertions.assertNoContent;
import static dev.portico.command.userpass.UserpassAssertions.mailsTo;
import static dev.portico.command.userpass.UserpassAssertions.onlyMailTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.UserpassClient;
import dev.portico.command.support.UserpassClient.Link;
import dev.portico.stack.EmbeddedMail;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * "Send me a confirmation link" and "send me a reset link" tell nobody whether an address has an account:
 * the answer (status, headers, body) and its time are the same for an unknown, an unconfirmed and a
 * confirmed address; only the mailbox of a real account gets mail.
 */
@CommandServiceTest
class AccountEnumerationTest {
    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedMail mail;
    private UserpassClient userpass;

    @BeforeEach
    void connect() {
        userpass = new UserpassClient(new ClientApi(port));
    }

    @Test
    void resendingAConfirmationAnswersAlikeForEveryAddress() {
        String pending = "pending." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, pending, PASSWORD);
        onlyMailTo(mail, pending);
        String confirmed = confirmedAccount("confirmed");
        String unknown = "unknown." + UUID.randomUUID() + "@example.test";

        List<Response> answers = List.of(userpass.resendConfirmation(MAIL, unknown),
                userpass.resendConfirmation(MAIL, pending), userpass.resendConfirmation(MAIL, confirmed));

        answers.forEach(UserpassAssertions::assertNoContent);
        assertThat(answers.stream().map(AccountEnumerationTest::headers).distinct()).hasSize(1);
        assertThat(mailsTo(mail, pending, 2).get(1).subject()).isEqualTo("Confirm your Shop account");
        assertNothingMoreArrives(unknown, confirmed);
        assertThat(mail.receivedBy(confirmed)).hasSize(1);
    }

    @Test
    void askingForAResetLinkAnswersAlikeForEveryAddress() {
        String pending = "pending." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, pending, PASSWORD);
        onlyMailTo(mail, pending);
        String confirmed = confirmedAccount("confirmed");
        String unknown = "unknown." + UUID.randomUUID() + "@example.test";

        List<Response> answers = List.of(userpass.sendReset(MAIL, unknown), userpass.sendReset(MAIL, pending),
                userpass.sendReset(MAIL, confirmed));

        answers.forEach(UserpassAssertions::assertNoContent);
        assertThat(answers.stream().map(AccountEnumerationTest::headers).distinct()).hasSize(1);
        assertThat(mailsTo(mail, pending, 2).get(1).subject()).isEqualTo(UserpassSettings.DEFAULT_RESET_SUBJECT);
        assertThat(mailsTo(mail, confirmed, 2).get(1).subject()).isEqualTo(UserpassSettings.DEFAULT_RESET_SUBJECT);
        assertNothingMoreArrives(unknown, null);
    }

    /**
     * The requests only queue the look-up and the mail, so their time cannot depend on the address. Medians of
     * alternating requests, so that the machine's load affects both kinds alike.
     */
    @Test
    void knownAndUnknownAddressesAreAnsweredInTheSameTime() {
        String known = confirmedAccount("timed");
        for (BiFunction<String, String, Response> request : List.<BiFunction<String, String, Response>>of(
                userpass::sendReset, userpass::resendConfirmation)) {
            List<Long> forKnown = new ArrayList<>();
            List<Long> forUnknown = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                String unknown = "unknown." + UUID.randomUUID() + "@example.test";
                forKnown.add(timed(() -> request.apply(MAIL, known)));
                forUnknown.add(timed(() -> request.apply(MAIL, unknown)));
            }
            long difference = Math.abs(median(forKnown) - median(forUnknown));
            assertThat(Duration.ofNanos(difference)).as("known %s ms, unknown %s ms", median(forKnown) / 1e6,
                    median(forUnknown) / 1e6).isLessThan(Duration.ofMillis(10));
        }
    }

    /**
     * The work behind the answers runs first come, first served: once a later request's mail has arrived,
     * everything asked before it is done, and what has not arrived will not.
     */
    private void assertNothingMoreArrives(String unknown, String confirmed) {
        String sentinel = "sentinel." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, sentinel, PASSWORD);
        onlyMailTo(mail, sentinel);
        assertThat(mail.receivedBy(unknown)).isEmpty();
        if (confirmed != null) {
            assertThat(mail.receivedBy(confirmed)).hasSize(1);
        }
    }

    private String confirmedAccount(String name) {
        String email = name + "." + UUID.randomUUID() + "@example.test";
        userpass.register(MAIL, email, PASSWORD);
        assertNoContent(userpass.confirm(MAIL, Link.in(onlyMailTo(mail, email))));
        return email;
    }

    /** Every header but the date. */
    private static Map<String, List<String>> headers(Response response) {
        Map<String, List<String>> headers = new TreeMap<>(response.raw().headers().map());
        headers.remove("date");
        return headers;
    }

    private static long timed(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return System.nanoTime() - started;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
