package dev.portico.command.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.UserType;

/**
 * A provider's verdict: the credentials prove the person {@code subject} (the provider's own id of them) at
 * the provider {@code providerId}. {@code profile} is the provider's metadata about the person (null when it
 * has none); {@code newUserType} applies if this login creates the user. {@code unseen} says the identity
 * cannot belong to anybody yet (an anonymous one is minted per login), so nobody needs to look for its user.
 * {@code owner} is set when the credentials name their user outright: an API key logs in as the user it
 * belongs to (its subject is the key's id), never as a new one. The subject and profile are personal data:
 * they leave this record only sealed.
 *
 * <p>A profile is kept in every event that links or updates the identity, so its size is bounded here, where
 * every provider's verdict passes: the fields App Services knew take a few hundred characters, and a custom
 * function's answer or a custom JWT could otherwise bring up to their own limits (1 MB, 64 KiB).
 */
public record VerifiedIdentity(ProviderType providerType, String providerId, String subject, ObjectNode profile,
        UserType newUserType, boolean unseen, UserId owner) {
    /** The most characters a profile may take as JSON. */
    public static final int MAX_PROFILE_CHARS = 16 * 1024;

    public VerifiedIdentity {
        if (profile != null && profile.toString().length() > MAX_PROFILE_CHARS) {
            throw new LoginRefused("AuthError", providerType.wireName() + ": the provider's profile of this person "
                    + "is longer than " + MAX_PROFILE_CHARS + " characters");
        }
    }

    /** An identity whose user, if any, is found by its claim. */
    public VerifiedIdentity(ProviderType providerType, String providerId, String subject, ObjectNode profile,
            UserType newUserType, boolean unseen) {
        this(providerType, providerId, subject, profile, newUserType, unseen, null);
    }
}
