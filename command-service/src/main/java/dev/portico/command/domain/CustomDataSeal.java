package dev.portico.command.domain;

import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import org.bson.BsonDocument;

/**
 * Seals and opens a user's custom data document under that user's personal-data key. The user keeps its
 * current document sealed, as the events hold it, and opens it only to apply a patch (see {@link User}).
 */
public interface CustomDataSeal {
    SealedData seal(UserId user, BsonDocument document);

    BsonDocument open(UserId user, SealedData sealed);
}
