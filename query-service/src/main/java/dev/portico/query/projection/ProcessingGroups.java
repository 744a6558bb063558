package dev.portico.query.projection;

/** Names of this service's event processors. */
public final class ProcessingGroups {
    /**
     * The user read model and the lifecycle outbox share this group, so both are written in the same
     * transaction as the processor's token: either all three move forward or none does.
     */
    public static final String USERS = "users";

    private ProcessingGroups() {
    }
}
