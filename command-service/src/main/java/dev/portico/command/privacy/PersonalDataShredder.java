package dev.portico.command.privacy;

import dev.portico.events.user.UserDeleted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Destroys a deleted user's key with the deletion. */
@Component
@ProcessingGroup("client-views")
class PersonalDataShredder {
    private final PersonalDataVault vault;

    PersonalDataShredder(PersonalDataVault vault) {
        this.vault = vault;
    }

    @EventHandler
    void on(UserDeleted event) {
        vault.destroyKey(event.userId());
    }
}
