package dev.portico.command.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.app.AppRegistry;
import dev.portico.command.command.OpenSession;
import dev.portico.command.command.SessionGrant;
import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.events.DeviceId;
import dev.portico.events.IdentityId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import dev.portico.testsupport.ClientApi;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Loading a user replays its stream on every command, so the stream must not grow with its logins: a server
 * user that logs in every few minutes would otherwise replay every past login on each new one.
 */
@CommandServiceTest
class UserStreamLengthTest {
    private static final int PAST_LOGINS = 10_000;

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    PersonalDataVault vault;
    @Autowired
    AppRegistry apps;

    @Test
    void aUserWithTenThousandPastLoginsLoadsFromAsManyEventsAsANewOne() {
        String subject = "server-" + UUID.randomUUID();
        UserId user = new UserId(new ClientApi(port).post(
                "/api/client/v2.0/app/test-app/auth/providers/custom-function/login", null,
                "{\"subject\":\"" + subject + "\"}").text("user_id"));
        long eventsToLoadANewUser = eventStore.readEvents(user.value()).asStream().count();
        UserKey key = vault.findKey(user).orElseThrow();
        IdentityId identity = key.identityId(
                apps.find("test-app").flatMap(app -> app.provider(ProviderType.CUSTOM_FUNCTION)).orElseThrow().id(), subject);

        IntStream.range(0, PAST_LOGINS).parallel().forEach(n -> commands.sendAndWait(new OpenSession(user, identity,
                new SessionGrant(SessionId.generate(), DeviceId.NONE, "h" + n, key.seal(java.util.Map.of()),
                        Instant.now().plus(1, ChronoUnit.DAYS)))));

        assertThat(eventsToLoadANewUser).isEqualTo(2);
        assertThat(eventStore.readEvents(user.value()).asStream().count()).isEqualTo(eventsToLoadANewUser);
        commands.sendAndWait(new OpenSession(user, identity, new SessionGrant(SessionId.generate(), DeviceId.NONE,
                "last", key.seal(java.util.Map.of()), Instant.now().plus(1, ChronoUnit.DAYS))));
    }
}
