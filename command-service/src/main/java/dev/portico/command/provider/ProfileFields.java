package dev.portico.command.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.LoginProvider;
import java.util.Locale;
import java.util.Set;

/**
 * An OAuth provider's {@code metadata_fields} and {@code domain_restrictions}, applied as App Services did:
 * the user's profile holds the configured fields the provider gave (and nothing else, so an app stores only
 * what it asked for); a required field the provider did not give refuses the login; with domain restrictions,
 * only accounts whose verified e-mail address is in one of the domains may log in.
 */
final class ProfileFields {
    /** The names App Services documented for Google and Facebook (Google's admin examples list all nine). */
    static final Set<String> OAUTH_NAMES = Set.of("name", "first_name", "last_name", "picture", "email", "gender",
            "birthday", "min_age", "max_age");

    private ProfileFields() {
    }

    /** The profile to keep, or null when there is nothing to keep. */
    static ObjectNode select(LoginProvider provider, ObjectNode available) {
        ObjectNode profile = JsonNodeFactory.instance.objectNode();
        for (LoginProvider.MetadataField field : provider.metadataFields()) {
            JsonNode value = available.get(field.name());
            if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                if (field.required()) {
                    throw new LoginRefused("AuthError", provider.name() + ": the account does not provide the required "
                            + "metadata field '" + field.name() + "'");
                }
                continue;
            }
            profile.set(field.targetName(), value);
        }
        return profile.isEmpty() ? null : profile;
    }

    /** @param email the account's primary address, null when the provider gave none */
    static void checkDomain(LoginProvider provider, String email, boolean verified) {
        if (provider.domainRestrictions().isEmpty()) {
            return;
        }
        if (email == null || !verified || email.indexOf('@') < 1) {
            throw new LoginRefused("AuthError", provider.name() + ": this app admits only accounts with a verified "
                    + "e-mail address in its domains");
        }
        String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        boolean allowed = provider.domainRestrictions().stream()
                .anyMatch(allowedDomain -> allowedDomain.strip().toLowerCase(Locale.ROOT).equals(domain));
        if (!allowed) {
            throw new LoginRefused("AuthError", provider.name() + ": the account's e-mail domain is not allowed for this app");
        }
    }

    static void checkConfiguration(LoginProvider provider, Set<String> names, boolean domainRestrictionsApply,
            ConfigurationProblems problems) {
        for (LoginProvider.MetadataField field : provider.metadataFields()) {
            if (field.name() == null || names.contains(field.name())) {
                continue;
            }
            if (field.required()) {
                problems.error("metadata_fields", "'" + field.name() + "' is required but " + provider.name()
                        + " never provides it, so every login would be refused",
                        "use one of " + names.stream().sorted().toList() + " or make it optional");
            } else {
                problems.warning("metadata_fields", "'" + field.name() + "' is not a field " + provider.name()
                        + " provides; it stays empty");
            }
        }
        if (provider.domainRestrictions().isEmpty()) {
            return;
        }
        if (!domainRestrictionsApply) {
            problems.warning("domain_restrictions", provider.name() + " has no domain restrictions; they are ignored");
        } else if (provider.metadataFields().stream().noneMatch(f -> "email".equals(f.name()) && f.required())) {
            problems.warning("metadata_fields", "domain_restrictions expect the 'email' metadata field to be "
                    + "required; logins are checked against the account's e-mail address all the same");
        }
    }
}
