package dev.portico.command.customdata;

import dev.portico.command.domain.CustomDataSeal;
import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import org.bson.BsonDocument;
import org.springframework.stereotype.Component;

/** Custom data sealed as canonical Extended JSON, so every BSON type a service wrote comes back as it was. */
@Component
class VaultCustomDataSeal implements CustomDataSeal {
    private final PersonalDataVault vault;

    VaultCustomDataSeal(PersonalDataVault vault) {
        this.vault = vault;
    }

    @Override
    public SealedData seal(UserId user, BsonDocument document) {
        return key(user).sealText(CustomDataDocuments.canonical(document));
    }

    @Override
    public BsonDocument open(UserId user, SealedData sealed) {
        return BsonDocument.parse(key(user).openText(sealed));
    }

    private UserKey key(UserId user) {
        return vault.findKey(user).orElseThrow(() -> new IllegalStateException("user has no personal data key"));
    }
}
