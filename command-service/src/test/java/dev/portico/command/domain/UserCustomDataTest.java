package dev.portico.command.domain;

import static dev.portico.command.domain.UserTest.APP;
import static dev.portico.command.domain.UserTest.NOW;
import static dev.portico.command.domain.UserTest.USER;
import static dev.portico.command.domain.UserTest.registered;

import dev.portico.command.command.DeleteCustomData;
import dev.portico.command.command.PatchCustomData;
import dev.portico.command.command.ReplaceCustomData;
import dev.portico.events.AppId;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import dev.portico.events.user.CustomDataChanged;
import dev.portico.events.user.DeletionReason;
import dev.portico.events.user.UserDeleted;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The rules of a user's custom data document: given its past events, when a service writes, then what is recorded. */
class UserCustomDataTest {
    /** Stands for the user's key: reversible and deterministic, so the recorded documents can be compared. */
    static final CustomDataSeal SEAL = new CustomDataSeal() {
        @Override
        public SealedData seal(UserId user, BsonDocument document) {
            String json = document.toJson(JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build());
            return new SealedData("t." + user.value() + "." + Base64.getUrlEncoder().encodeToString(
                    json.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public BsonDocument open(UserId user, SealedData sealed) {
            if (!sealed.keyId().equals(user.value())) {
                throw new IllegalArgumentException("sealed for another user");
            }
            return BsonDocument.parse(new String(Base64.getUrlDecoder().decode(sealed.payload()), StandardCharsets.UTF_8));
        }
    };

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.givenCurrentTime(NOW);
        fixture.registerInjectableResource(SEAL);
        fixture.registerInjectableResource(new CustomDataLimits(DataSize.ofBytes(300), 3, 10));
    }

    static BsonDocument doc(String json) {
        return BsonDocument.parse(json);
    }

    static CustomDataChanged changed(String json) {
        return new CustomDataChanged(USER, SEAL.seal(USER, doc(json)), NOW);
    }

    @Nested
    class Replacing {
        @Test
        void recordsTheWholeDocumentSealed() {
            fixture.given(registered())
                    .when(new ReplaceCustomData(USER, APP, doc("{\"plan\": \"gold\", \"n\": {\"$numberLong\": \"7\"}}")))
                    .expectEvents(changed("{\"plan\": \"gold\", \"n\": {\"$numberLong\": \"7\"}}"));
        }

        @Test
        void replacesWhatWasThereEntirely() {
            fixture.given(registered(), changed("{\"plan\": \"gold\", \"seats\": 3}"))
                    .when(new ReplaceCustomData(USER, APP, doc("{\"plan\": \"free\"}")))
                    .expectEvents(changed("{\"plan\": \"free\"}"));
        }

        @Test
        void refusesADocumentLargerThanTheLimit() {
            fixture.given(registered())
                    .when(new ReplaceCustomData(USER, APP, doc("{\"text\": \"" + "x".repeat(300) + "\"}")))
                    .expectNoEvents()
                    .expectException(CustomDataRefused.class)
                    .expectExceptionMessage("custom data is 312 bytes as JSON, more than the 300 allowed");
        }

        @Test
        void refusesADocumentNestedTooDeep() {
            fixture.given(registered())
                    .when(new ReplaceCustomData(USER, APP, doc("{\"a\": {\"b\": {\"c\": {}}}}")))
                    .expectNoEvents()
                    .expectExceptionMessage("custom data is nested deeper than 3 levels");
        }

        @Test
        void refusesADocumentWithTooManyFields() {
            fixture.given(registered())
                    .when(new ReplaceCustomData(USER, APP, doc("{\"a\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}")))
                    .expectNoEvents()
                    .expectExceptionMessage("custom data has more than 10 fields");
        }

        @Test
        void refusesFieldNamesMongoDbRefused() {
            fixture.given(registered())
                    .when(new ReplaceCustomData(USER, APP, doc("{\"ok\": {\"$where\": 1}}")))
                    .expectNoEvents()
                    .expectException(CustomDataRefused.class);
        }

        @Test
        void aUserOfAnotherAppIsNotFound() {
            fixture.given(registered())
                    .when(new ReplaceCustomData(USER, new AppId("other-app"), doc("{\"plan\": \"gold\"}")))
                    .expectNoEvents()
                    .expectException(UserNotFound.class);
        }

        @Test
        void aDeletedUserHasNoDocumentToWrite() {
            fixture.given(registered(), new UserDeleted(USER, APP, DeletionReason.USER_REQUEST, NOW))
                    .when(new ReplaceCustomData(USER, APP, doc("{\"plan\": \"gold\"}")))
                    .expectException(AggregateDeletedException.class);
        }
    }

    @Nested
    class Patching {
        @Test
        void mergesIntoTheCurrentDocumentKeepingWhatThePatchDoesNotName() {
            fixture.given(registered(), changed("{\"plan\": \"gold\", \"prefs\": {\"theme\": \"dark\", \"lang\": \"en\"},"
                            + " \"since\": {\"$date\": {\"$numberLong\": \"0\"}}}"))
                    .when(new PatchCustomData(USER, APP, doc("{\"prefs\": {\"lang\": \"de\", \"theme\": null}, \"seats\": 2}")))
                    .expectEvents(changed("{\"plan\": \"gold\", \"prefs\": {\"lang\": \"de\"},"
                            + " \"since\": {\"$date\": {\"$numberLong\": \"0\"}}, \"seats\": 2}"));
        }

        @Test
        void startsFromAnEmptyDocumentWhenThereIsNone() {
            fixture.given(registered())
                    .when(new PatchCustomData(USER, APP, doc("{\"plan\": \"gold\", \"gone\": null}")))
                    .expectEvents(changed("{\"plan\": \"gold\"}"));
        }

        @Test
        void appliesAfterTheLastChangeSoNoChangeIsLost() {
            fixture.given(registered(), changed("{\"a\": 1}"), changed("{\"a\": 1, \"b\": 2}"))
                    .when(new PatchCustomData(USER, APP, doc("{\"c\": 3}")))
                    .expectEvents(changed("{\"a\": 1, \"b\": 2, \"c\": 3}"));
        }

        @Test
        void refusesAPatchWhoseResultBreaksTheLimit() {
            fixture.given(registered(), changed("{\"text\": \"" + "x".repeat(200) + "\"}"))
                    .when(new PatchCustomData(USER, APP, doc("{\"more\": \"" + "y".repeat(100) + "\"}")))
                    .expectNoEvents()
                    .expectException(CustomDataRefused.class);
        }
    }

    @Nested
    class Deleting {
        @Test
        void recordsThatTheDocumentIsGone() {
            fixture.given(registered(), changed("{\"plan\": \"gold\"}"))
                    .when(new DeleteCustomData(USER, APP))
                    .expectEvents(new CustomDataChanged(USER, null, NOW));
        }

        @Test
        void changesNothingWithoutADocument() {
            fixture.given(registered(), changed("{\"plan\": \"gold\"}"), new CustomDataChanged(USER, null, NOW))
                    .when(new DeleteCustomData(USER, APP))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aPatchAfterDeletionStartsAfresh() {
            fixture.given(registered(), changed("{\"plan\": \"gold\"}"), new CustomDataChanged(USER, null, NOW))
                    .when(new PatchCustomData(USER, APP, doc("{\"seats\": 1}")))
                    .expectEvents(changed("{\"seats\": 1}"));
        }
    }
}
