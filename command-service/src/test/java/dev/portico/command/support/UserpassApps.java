package dev.portico.command.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.app.App;
import dev.portico.command.app.AppRegistry;
import dev.portico.command.app.AppSource;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.LoginProvider;
import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The test apps with email/password logins, one per way of confirming, as an export would configure them
 * (the {@code config} object of {@code auth/providers.json}).
 */
public class UserpassApps implements AppSource {
    /** Confirms accounts by e-mail and resets passwords by e-mail. */
    public static final String MAIL = "mail-app";
    public static final String MAIL_CONFIRM_URL = "https://mail-app.example.test/confirm";
    public static final String MAIL_CONFIRM_SUBJECT = "Confirm your Shop account";
    public static final String MAIL_RESET_URL = "https://mail-app.example.test/account?view=reset#top";
    /** Confirms accounts automatically; resets passwords by its function {@value #RESET_FUNCTION}. */
    public static final String AUTO = "auto-app";
    public static final String RESET_FUNCTION = "resetPassword";
    /** Confirms accounts by its function {@value #CONFIRM_FUNCTION}; resets passwords by e-mail. */
    public static final String FUNCTION = "function-app";
    public static final String CONFIRM_FUNCTION = "confirmUser";
    public static final String FUNCTION_RESET_URL = "https://function-app.example.test/reset";
    /** Has the provider, disabled. */
    public static final String DISABLED = "disabled-app";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<App> apps(ConfigurationProblems problems) {
        return List.of(
                app(MAIL, false, """
                        {"autoConfirm": false, "emailConfirmationUrl": "%s", "confirmEmailSubject": "%s",
                         "runConfirmationFunction": false, "resetPasswordUrl": "%s", "runResetFunction": false}"""
                        .formatted(MAIL_CONFIRM_URL, MAIL_CONFIRM_SUBJECT, MAIL_RESET_URL)),
                app(AUTO, false, """
                        {"autoConfirm": true, "runConfirmationFunction": false, "runResetFunction": true,
                         "resetFunctionName": "%s"}""".formatted(RESET_FUNCTION)),
                app(FUNCTION, false, """
                        {"autoConfirm": false, "runConfirmationFunction": true, "confirmationFunctionName": "%s",
                         "resetPasswordUrl": "%s"}""".formatted(CONFIRM_FUNCTION, FUNCTION_RESET_URL)),
                app(DISABLED, true, "{\"autoConfirm\": true}"));
    }

    /** The provider id an app's local-userpass provider has here, as profiles show it. */
    public static String providerId(String app) {
        return AppRegistry.stableId(app + "/local-userpass");
    }

    private static App app(String id, boolean disabled, String config) {
        Map<ProviderType, LoginProvider> providers = new EnumMap<>(ProviderType.class);
        providers.put(ProviderType.ANONYMOUS, LoginProvider.of(ProviderType.ANONYMOUS, AppRegistry.stableId(id + "/anon-user")));
        providers.put(ProviderType.EMAIL_PASSWORD, new LoginProvider(ProviderType.EMAIL_PASSWORD, "local-userpass",
                providerId(id), disabled, parse(config), null, null, null, null));
        return new App(new AppId(id), AppRegistry.stableId(id), providers);
    }

    private static ObjectNode parse(String config) {
        try {
            return (ObjectNode) JSON.readTree(config);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
