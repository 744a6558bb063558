package dev.portico.command.login;

/** A link asked for an identity that another user of the app already holds. */
public class IdentityClaimedByAnotherUser extends RuntimeException {
    public IdentityClaimedByAnotherUser() {
        super("a user already exists with the specified provider", null, false, false);
    }
}
