package dev.portico.query.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.AppId;
import dev.portico.events.user.DeletionReason;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.UserId;
import dev.portico.events.user.UserRegistered;
import dev.portico.events.user.UserType;
import dev.portico.events.SealedData;
import dev.portico.events.user.CustomDataChanged;
import dev.portico.events.user.UserDisabled;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exact bytes downstream services parse. */
class LifecycleMessagesTest {
    private static final UserId USER = new UserId("65f1c0ffee0000000000abcd");
    private static final AppId APP = new AppId("myapp-abcde");
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00.123456Z");

    @Test
    void aCreatedUserIsAStructuredCloudEventWithoutPersonalData() throws Exception {
        OutboxMessage message = LifecycleMessages.created("ev-1", Instant.parse("2026-03-01T12:00:00.124Z"),
                new UserRegistered(USER, APP, UserType.NORMAL, AT));

        assertThat(message.eventId()).isEqualTo("ev-1");
        assertThat(message.key()).isEqualTo(USER.value());
        assertThat(message.type()).isEqualTo("dev.portico.user.created");
        assertThat(new ObjectMapper().readTree(message.payload())).isEqualTo(new ObjectMapper().readTree("""
                {"specversion":"1.0","id":"ev-1","source":"/portico/apps/myapp-abcde",
                 "type":"dev.portico.user.created","subject":"65f1c0ffee0000000000abcd",
                 "time":"2026-03-01T12:00:00.124Z","datacontenttype":"application/json",
                 "data":{"user_id":"65f1c0ffee0000000000abcd","app_id":"myapp-abcde","type":"normal",
                         "created_at":"2026-03-01T12:00:00.123456Z"}}"""));
        assertThat(message.payload()).startsWith("{\"specversion\":\"1.0\",\"id\":");
    }

    @Test
    void aDeletedUserCarriesTheReason() throws Exception {
        OutboxMessage message = LifecycleMessages.deleted("ev-2", AT,
                new UserDeleted(USER, APP, DeletionReason.ANONYMOUS_LOGOUT, AT));

        assertThat(message.type()).isEqualTo("dev.portico.user.deleted");
        assertThat(new ObjectMapper().readTree(message.payload()).get("data")).isEqualTo(new ObjectMapper().readTree("""
                {"user_id":"65f1c0ffee0000000000abcd","app_id":"myapp-abcde","reason":"anonymous_logout",
                 "deleted_at":"2026-03-01T12:00:00.123456Z"}"""));
    }

    @Test
    void theSourceKeepsOddAppIdsAValidUriPath() {
        assertThat(LifecycleMessages.source(Optional.of(new AppId("my app/ü")))).isEqualTo("/portico/apps/my%20app%2F%C3%BC");
    }

    @Test
    void customDataChangesSayWhetherTheDocumentIsGoneButNeverWhatItHolds() throws Exception {
        SealedData document = new SealedData("a1.k1.c2VjcmV0LWRvY3VtZW50");
        OutboxMessage changed = LifecycleMessages.customDataChanged("ev-3", AT, new CustomDataChanged(USER, document, AT),
                Optional.of(APP));
        OutboxMessage removed = LifecycleMessages.customDataChanged("ev-4", AT, new CustomDataChanged(USER, null, AT),
                Optional.of(APP));

        assertThat(changed.payload()).doesNotContain(document.sealed()).doesNotContain("c2VjcmV0LWRvY3VtZW50");
        assertThat(new ObjectMapper().readTree(changed.payload()).get("data")).isEqualTo(new ObjectMapper().readTree("""
                {"user_id":"65f1c0ffee0000000000abcd","app_id":"myapp-abcde","deleted":false,
                 "changed_at":"2026-03-01T12:00:00.123456Z"}"""));
        assertThat(new ObjectMapper().readTree(removed.payload()).at("/data/deleted").asBoolean()).isTrue();
    }

    @Test
    void aUserWhoseAppIsUnknownHereIsStillAnnouncedUnderThePorticoSource() throws Exception {
        OutboxMessage message = LifecycleMessages.disabled("ev-5", AT, new UserDisabled(USER, AT), Optional.empty());

        var json = new ObjectMapper().readTree(message.payload());
        assertThat(json.get("source").asText()).isEqualTo("/portico");
        assertThat(json.at("/data/app_id").isNull()).isTrue();
        assertThat(json.get("subject").asText()).isEqualTo(USER.value());
    }
}
