package dev.portico.command.userpass;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.ConfigurationProblems.Problem;
import dev.portico.command.userpass.UserpassSettings.Confirmation;
import dev.portico.command.userpass.UserpassSettings.Reset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How a local-userpass {@code config} from an export is read: App Services' six valid combinations, the
 * precedence among leftover settings that real exports carry, and an error naming the field and the fix
 * for each setting that cannot work.
 */
class UserpassSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Nested
    class TheSixValidCombinations {
        @Test
        void automaticConfirmationWithResetByEmail() {
            var read = read("""
                    {"autoConfirm": true, "resetPasswordUrl": "https://shop.example.com/reset"}""");
            assertThat(read.settings().confirmation()).isEqualTo(Confirmation.AUTOMATIC);
            assertThat(read.settings().reset()).isEqualTo(Reset.EMAIL);
            assertThat(read.settings().resetPasswordSubject()).isEqualTo("Reset your password");
            assertThat(read.problems().errors()).isEmpty();
            assertThat(read.problems().warnings()).isEmpty();
        }

        @Test
        void automaticConfirmationWithResetByFunction() {
            var read = read("""
                    {"autoConfirm": true, "runResetFunction": true, "resetFunctionName": "resetFunc"}""");
            assertThat(read.settings().reset()).isEqualTo(Reset.FUNCTION);
            assertThat(read.settings().resetFunctionName()).isEqualTo("resetFunc");
            assertThat(read.problems().errors()).isEmpty();
        }

        @Test
        void confirmationByEmailWithResetByEmailAndTheirSubjects() {
            var read = read("""
                    {"autoConfirm": false, "emailConfirmationUrl": "https://shop.example.com/confirm",
                     "confirmEmailSubject": "Confirm your Shop account", "resetPasswordUrl": "https://shop.example.com/reset",
                     "resetPasswordSubject": "Reset your Shop password"}""");
            assertThat(read.settings().confirmation()).isEqualTo(Confirmation.EMAIL);
            assertThat(read.settings().emailConfirmationUrl()).isEqualTo("https://shop.example.com/confirm");
            assertThat(read.settings().confirmEmailSubject()).isEqualTo("Confirm your Shop account");
            assertThat(read.settings().resetPasswordSubject()).isEqualTo("Reset your Shop password");
            assertThat(read.problems().errors()).isEmpty();
        }

        @Test
        void confirmationByFunctionWithResetByFunction() {
            var read = read("""
                    {"runConfirmationFunction": true, "confirmationFunctionName": "confirm/user",
                     "runResetFunction": true, "resetFunctionName": "demo/sendEmail"}""");
            assertThat(read.settings().confirmation()).isEqualTo(Confirmation.FUNCTION);
            assertThat(read.settings().confirmationFunctionName()).isEqualTo("confirm/user");
            assertThat(read.settings().resetFunctionName()).isEqualTo("demo/sendEmail");
            assertThat(read.problems().errors()).isEmpty();
        }

        @Test
        void confirmationByEmailWithResetByFunction() {
            var read = read("""
                    {"emailConfirmationUrl": "https://a.example/confirm", "runResetFunction": true,
                     "resetFunctionName": "resetFunc"}""");
            assertThat(read.settings().confirmation()).isEqualTo(Confirmation.EMAIL);
            assertThat(read.settings().confirmEmailSubject()).isEqualTo("Confirm your email address");
            assertThat(read.settings().reset()).isEqualTo(Reset.FUNCTION);
            assertThat(read.problems().errors()).isEmpty();
            assertThat(read.problems().warnings()).isEmpty();
        }

        @Test
        void confirmationByFunctionWithResetByEmail() {
            var read = read("""
                    {"runConfirmationFunction": true, "confirmationFunctionName": "confirmFunc",
                     "resetPasswordUrl": "https://a.example/reset"}""");
            assertThat(read.settings().confirmation()).isEqualTo(Confirmation.FUNCTION);
            assertThat(read.settings().reset()).isEqualTo(Reset.EMAIL);
            assertThat(read.problems().errors()).isEmpty();
            assertThat(read.problems().warnings()).isEmpty();
        }
    }

    @Nested
    class LeftoversOfRealExports {
        @Test
        void allNineFieldsWithBothFunctionsOnResolveToTheFunctions() {
            var read = read("""
                    {"autoConfirm": false, "emailConfirmationUrl": "https://a.example/confirm", "confirmEmailSubject": "c",
                     "runConfirmationFunction": true, "confirmationFunctionName": "confirmFunc",
                     "resetPasswordUrl": "https://a.example/reset", "resetPasswordSubject": "r",
                     "runResetFunction": true, "resetFunctionName": "resetFunc"}""");
            assertThat(read.settings().confirmation()).isEqualTo(Confirmation.FUNCTION);
            assertThat(read.settings().reset()).isEqualTo(Reset.FUNCTION);
            assertThat(read.problems().errors()).isEmpty();
            assertThat(read.problems().warnings()).isEmpty();
        }

        @Test
        void automaticConfirmationWinsOverAConfirmationFunctionWithAWarning() {
            var read = read("""
                    {"autoConfirm": true, "runConfirmationFunction": true, "confirmationFunctionName": "confirmFunc",
                     "resetPasswordUrl": "https://a.example/reset"}""");
            assertThat(read.settings().confirmation()).isEqualTo(Confirmation.AUTOMATIC);
            assertThat(read.problems().errors()).isEmpty();
            assertThat(read.problems().warnings()).extracting(Problem::field).containsExactly("config.runConfirmationFunction");
        }

        @Test
        void booleansWrittenAsStringsAreReadWithAWarning() {
            var read = read("""
                    {"autoConfirm": "true", "runResetFunction": "", "resetPasswordUrl": "https://a.example/reset"}""");
            assertThat(read.settings().confirmation()).isEqualTo(Confirmation.AUTOMATIC);
            assertThat(read.settings().reset()).isEqualTo(Reset.EMAIL);
            assertThat(read.problems().errors()).isEmpty();
            assertThat(read.problems().warnings()).extracting(Problem::field)
                    .containsExactly("config.autoConfirm", "config.runResetFunction");
        }

        @Test
        void noWayToResetIsAWarningNotAnError() {
            var read = read("""
                    {"autoConfirm": true, "runConfirmationFunction": false, "resetFunctionName": "resetFunc"}""");
            assertThat(read.settings().reset()).isEqualTo(Reset.NONE);
            assertThat(read.problems().errors()).isEmpty();
            assertThat(read.problems().warnings()).singleElement().satisfies(warning -> {
                assertThat(warning.field()).isEqualTo("config.resetPasswordUrl");
                assertThat(warning.message()).isEqualTo("neither resetPasswordUrl nor runResetFunction is set: users"
                        + " of this app cannot reset their passwords (resetFunctionName is set, but runResetFunction is"
                        + " not true)");
            });
        }
    }

    @Nested
    class SettingsThatCannotWork {
        @Test
        void confirmationByEmailWithoutALink() {
            var read = read("{\"resetPasswordUrl\": \"https://a.example/reset\"}");
            assertThat(read.problems().errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("config.emailConfirmationUrl");
                assertThat(error.fix()).isEqualTo("set config.emailConfirmationUrl to the page of your app that"
                        + " confirms an account, or set config.autoConfirm to true");
            });
        }

        @Test
        void aFunctionModeWithoutAFunction() {
            var read = read("""
                    {"runConfirmationFunction": true, "runResetFunction": true, "confirmationFunctionName": ""}""");
            assertThat(read.problems().errors()).extracting(Problem::field)
                    .containsExactly("config.confirmationFunctionName", "config.resetFunctionName");
            assertThat(read.problems().errors().get(1).fix()).isEqualTo("set config.resetFunctionName to the function"
                    + " that resets passwords, or set config.runResetFunction to false");
        }

        @Test
        void linksThatAreNoAbsoluteWebAddresses() {
            var read = read("""
                    {"emailConfirmationUrl": "/confirm", "resetPasswordUrl": "javascript:alert(1)"}""");
            assertThat(read.problems().errors()).extracting(Problem::field, Problem::message).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("config.emailConfirmationUrl",
                            "'/confirm' is not an absolute http or https URL"),
                    org.assertj.core.groups.Tuple.tuple("config.resetPasswordUrl",
                            "'javascript:alert(1)' is not an absolute http or https URL"));
        }

        @Test
        void subjectsOfMoreThan256CharactersOrSeveralLines() {
            var read = read("""
                    {"autoConfirm": true, "resetPasswordUrl": "https://a.example/reset",
                     "confirmEmailSubject": "%s", "resetPasswordSubject": "Reset\\r\\nBcc: someone@example.com"}"""
                    .formatted("x".repeat(257)));
            assertThat(read.problems().errors()).extracting(Problem::field)
                    .containsExactly("config.confirmEmailSubject", "config.resetPasswordSubject");
            assertThat(read.settings().resetPasswordSubject()).isEqualTo(UserpassSettings.DEFAULT_RESET_SUBJECT);
            assertThat(read("{\"autoConfirm\": true, \"confirmEmailSubject\": \"%s\"}".formatted("é".repeat(256)))
                    .problems().errors()).isEmpty();
        }

        @Test
        void valuesOfTheWrongType() {
            var read = read("""
                    {"autoConfirm": 1, "emailConfirmationUrl": ["https://a.example/confirm"]}""");
            assertThat(read.problems().errors()).extracting(Problem::field, Problem::fix).contains(
                    org.assertj.core.groups.Tuple.tuple("config.autoConfirm", "write true or false"),
                    org.assertj.core.groups.Tuple.tuple("config.emailConfirmationUrl", "write the value in quotes"));
        }
    }

    @Test
    void anAppThatMailsNeedsAMailServer() throws Exception {
        var noMail = new UserpassMail(new org.springframework.beans.factory.support.StaticListableBeanFactory()
                .getBeanProvider(org.springframework.mail.javamail.JavaMailSender.class), "no-reply@example.test");
        var verifier = new EmailPasswordVerifier(null, null, null, null, noMail, null, JSON);
        ConfigurationProblems problems = new ConfigurationProblems();

        verifier.checkConfiguration(provider("{\"emailConfirmationUrl\": \"https://a.example/confirm\"}"), problems);
        verifier.checkConfiguration(provider("{\"autoConfirm\": true, \"runResetFunction\": true,"
                + " \"resetFunctionName\": \"reset\"}"), problems);

        assertThat(problems.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("spring.mail.host");
            assertThat(error.fix()).isEqualTo("set spring.mail.host (PORTICO_MAIL_HOST) and spring.mail.port");
        });
    }

    @Test
    void theTokenGoesIntoTheLinksQueryBeforeAnyFragment() {
        var token = new UserpassTokens.IssuedToken("0123456789abcdef01234567", "ab".repeat(32));
        String query = "token=" + "ab".repeat(32) + "&tokenId=0123456789abcdef01234567";
        assertThat(UserpassMail.link("https://a.example/confirm", token)).isEqualTo("https://a.example/confirm?" + query);
        assertThat(UserpassMail.link("https://a.example/confirm?lang=de", token))
                .isEqualTo("https://a.example/confirm?lang=de&" + query);
        assertThat(UserpassMail.link("https://a.example/app#/confirm", token))
                .isEqualTo("https://a.example/app?" + query + "#/confirm");
    }

    @Test
    void clientsAreCountedPerAddressAndIpv6ClientsPerSlash64() {
        assertThat(EmailPasswordAccounts.clientBlock("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(EmailPasswordAccounts.clientBlock("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(EmailPasswordAccounts.clientBlock("2001:db8:1:2::1"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(EmailPasswordAccounts.clientBlock("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3:0:0:0:0/64");
    }

    private static dev.portico.command.app.LoginProvider provider(String config) throws java.io.IOException {
        return new dev.portico.command.app.LoginProvider(dev.portico.events.identity.ProviderType.EMAIL_PASSWORD,
                "local-userpass", "0123456789abcdef01234567", false, (ObjectNode) JSON.readTree(config), null, null,
                null, null);
    }

    private record Read(UserpassSettings settings, ConfigurationProblems problems) {
    }

    private static Read read(String config) {
        try {
            ConfigurationProblems problems = new ConfigurationProblems();
            return new Read(UserpassSettings.read((ObjectNode) JSON.readTree(config), problems), problems);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

}
