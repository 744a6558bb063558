package dev.portico.command.userpass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.app.ConfigurationProblems;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A local-userpass provider's {@code config} as App Services exported it, read into the two decisions it
 * makes: how new accounts are confirmed and how passwords are reset.
 *
 * <p>The admin API allowed exactly one mode of each, but real exports keep settings of unused modes, so
 * this reads them with the precedence App Services' own schema implies: a missing boolean is false;
 * confirmation is {@code autoConfirm}, else {@code runConfirmationFunction}, else e-mail; reset is
 * {@code runResetFunction}, else e-mail. Booleans written as strings ({@code "true"}, {@code ""}) occur in
 * real exports and are read with a warning.
 */
public record UserpassSettings(
        Confirmation confirmation,
        String emailConfirmationUrl,
        String confirmEmailSubject,
        String confirmationFunctionName,
        Reset reset,
        String resetPasswordUrl,
        String resetPasswordSubject,
        String resetFunctionName) {

    public static final String DEFAULT_CONFIRM_SUBJECT = "Confirm your email address";
    public static final String DEFAULT_RESET_SUBJECT = "Reset your password";
    static final int MAX_SUBJECT = 256;

    public enum Confirmation { AUTOMATIC, FUNCTION, EMAIL }

    public enum Reset { FUNCTION, EMAIL, NONE }

    /** The settings, for a provider whose configuration was checked when its app loaded. */
    public static UserpassSettings of(ObjectNode config) {
        return read(config, new ConfigurationProblems());
    }

    /** Reads the settings, reporting each problem under its field ({@code config.<name>}) with its fix. */
    public static UserpassSettings read(ObjectNode config, ConfigurationProblems problems) {
        boolean autoConfirm = bool(config, "autoConfirm", problems);
        boolean runConfirmationFunction = bool(config, "runConfirmationFunction", problems);
        boolean runResetFunction = bool(config, "runResetFunction", problems);
        String confirmationUrl = text(config, "emailConfirmationUrl", problems);
        String confirmationFunction = text(config, "confirmationFunctionName", problems);
        String resetUrl = text(config, "resetPasswordUrl", problems);
        String resetFunction = text(config, "resetFunctionName", problems);
        String confirmSubject = subject(config, "confirmEmailSubject", DEFAULT_CONFIRM_SUBJECT, problems);
        String resetSubject = subject(config, "resetPasswordSubject", DEFAULT_RESET_SUBJECT, problems);

        Confirmation confirmation;
        if (autoConfirm) {
            confirmation = Confirmation.AUTOMATIC;
            if (runConfirmationFunction) {
                problems.warning("config.runConfirmationFunction", "both autoConfirm and runConfirmationFunction are"
                        + " true; new accounts are confirmed automatically and the confirmation function never runs");
            }
        } else if (runConfirmationFunction) {
            confirmation = Confirmation.FUNCTION;
            if (confirmationFunction == null) {
                problems.error("config.confirmationFunctionName", "runConfirmationFunction is true but no"
                        + " confirmation function is named", "set config.confirmationFunctionName to the function"
                        + " that confirms new accounts, or set config.runConfirmationFunction to false");
            }
        } else {
            confirmation = Confirmation.EMAIL;
            if (confirmationUrl == null) {
                problems.error("config.emailConfirmationUrl", "new accounts are confirmed by e-mail (autoConfirm"
                        + " and runConfirmationFunction are not true) but there is no link to send",
                        "set config.emailConfirmationUrl to the page of your app that confirms an account, or set"
                                + " config.autoConfirm to true");
            } else {
                checkUrl("config.emailConfirmationUrl", confirmationUrl, problems);
            }
        }

        Reset reset;
        if (runResetFunction) {
            reset = Reset.FUNCTION;
            if (resetFunction == null) {
                problems.error("config.resetFunctionName", "runResetFunction is true but no reset function is named",
                        "set config.resetFunctionName to the function that resets passwords, or set"
                                + " config.runResetFunction to false");
            }
        } else if (resetUrl != null) {
            reset = Reset.EMAIL;
            checkUrl("config.resetPasswordUrl", resetUrl, problems);
        } else {
            reset = Reset.NONE;
            problems.warning("config.resetPasswordUrl", "neither resetPasswordUrl nor runResetFunction is set:"
                    + " users of this app cannot reset their passwords"
                    + (resetFunction == null ? "" : " (resetFunctionName is set, but runResetFunction is not true)"));
        }
        return new UserpassSettings(confirmation, confirmationUrl, confirmSubject, confirmationFunction, reset,
                resetUrl, resetSubject, resetFunction);
    }

    private static boolean bool(ObjectNode config, String field, ConfigurationProblems problems) {
        JsonNode value = config.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.textValue().trim().toLowerCase(Locale.ROOT);
            if (text.isEmpty() || text.equals("false") || text.equals("true")) {
                boolean read = text.equals("true");
                problems.warning("config." + field, "is the string \"" + value.textValue() + "\"; read as " + read);
                return read;
            }
        }
        problems.error("config." + field, "must be true or false, not " + value, "write true or false");
        return false;
    }

    private static String text(ObjectNode config, String field, ConfigurationProblems problems) {
        JsonNode value = config.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.error("config." + field, "must be a string, not " + value, "write the value in quotes");
            return null;
        }
        String text = value.textValue().trim();
        return text.isEmpty() ? null : text;
    }

    private static String subject(ObjectNode config, String field, String fallback, ConfigurationProblems problems) {
        String subject = text(config, field, problems);
        if (subject == null) {
            return fallback;
        }
        if (subject.codePointCount(0, subject.length()) > MAX_SUBJECT || subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            problems.error("config." + field, "must be one line of at most " + MAX_SUBJECT + " characters",
                    "shorten it to one line of at most " + MAX_SUBJECT + " characters, or remove it for the default");
            return fallback;
        }
        return subject;
    }

    private static void checkUrl(String field, String url, ConfigurationProblems problems) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.error(field, "'" + url + "' is not an absolute http or https URL",
                "write the full address of the page, e.g. https://app.example.com/confirm");
    }
}
