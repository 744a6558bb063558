package dev.portico.query.projection;

import static dev.portico.query.support.UserHistory.anonymous;
import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.events.SessionId;
import dev.portico.events.session.RevocationReason;
import dev.portico.events.session.SessionIssued;
import dev.portico.events.user.UserType;
import dev.portico.query.query.CustomDataView;
import dev.portico.query.query.FindCustomData;
import dev.portico.query.query.FindSessions;
import dev.portico.query.query.FindUser;
import dev.portico.query.query.SessionsView;
import dev.portico.query.query.UserView;
import dev.portico.query.readmodel.UserState;
import dev.portico.query.support.KeyStore;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The projection of state, sessions and custom data, fed events directly: each handler gives the same result
 * when an event comes again, and an older change seen late never undoes a newer one.
 */
@QueryServiceTest
class UserDetailsProjectionTest {
    @Autowired
    UserProjection projection;
    @Autowired
    QueryGateway queries;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void disablingAndEnablingKeepTheLatestStateWhateverTheOrder() {
        UserHistory user = registered();
        Instant at = now();

        handle(user.disable(at.plusSeconds(1)));
        assertThat(state(user)).isEqualTo(UserState.DISABLED);
        handle(user.enable(at.plusSeconds(3)), user.disable(at.plusSeconds(2)), user.enable(at.plusSeconds(3)));

        assertThat(state(user)).isEqualTo(UserState.ACTIVE);
    }

    @Test
    void aSessionIsRecordedOnceAndItsFirstRevocationCounts() {
        UserHistory user = registered();
        Instant at = now();
        EventMessage<?> login = user.login(anonymous(), null, at);
        SessionId session = ((SessionIssued) login.getPayload()).sessionId();

        handle(login, login, user.revoke(session, RevocationReason.USER_DISABLED, at.plusSeconds(5)),
                user.revoke(session, RevocationReason.LOGGED_OUT, at.plusSeconds(9)));

        List<SessionsView.Session> sessions = sessions(user);
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).revokedAt()).isEqualTo(at.plusSeconds(5));
        assertThat(sessions.get(0).reason()).isEqualTo(RevocationReason.USER_DISABLED);
    }

    @Test
    void customDataKeepsTheNewestDocumentAndGoesWithItsDeletion() {
        UserHistory user = registered();
        KeyStore.UserKey key = KeyStore.newKey(jdbc, user.userId());
        Instant at = now();

        handle(user.customData(key.sealJson("{\"v\":2}"), at.plusSeconds(2)),
                user.customData(key.sealJson("{\"v\":1}"), at.plusSeconds(1)));
        assertThat(customData(user).document().get("v").asInt()).isEqualTo(2);

        handle(user.customData(null, at.plusSeconds(3)));
        assertThat(customData(user).document()).isNull();
    }

    @Test
    void eventsOfAUserNotInTheReadModelAreDropped() {
        UserHistory unknown = new UserHistory(newApp());
        Instant at = now();

        handle(unknown.login(anonymous(), null, at), unknown.disable(at), unknown.customData(null, at));

        assertThat(queries.query(new FindUser(unknown.userId()), ResponseTypes.optionalInstanceOf(UserView.class))
                .join()).isEmpty();
    }

    private UserHistory registered() {
        UserHistory user = new UserHistory(newApp());
        handle(user.register(UserType.NORMAL, anonymous(), now()).toArray(EventMessage[]::new));
        return user;
    }

    /** Through the projection's own handler methods, as the processor calls them, in one transaction. */
    private void handle(EventMessage<?>... messages) {
        var handlers = new AnnotationEventHandlerAdapter(projection);
        transactions.executeWithoutResult(status -> {
            for (EventMessage<?> message : messages) {
                try {
                    handlers.handle(message);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    private UserState state(UserHistory user) {
        return queries.query(new FindUser(user.userId()), ResponseTypes.optionalInstanceOf(UserView.class)).join()
                .orElseThrow().state();
    }

    private List<SessionsView.Session> sessions(UserHistory user) {
        return queries.query(new FindSessions(user.userId()), ResponseTypes.optionalInstanceOf(SessionsView.class))
                .join().orElseThrow().sessions();
    }

    private CustomDataView customData(UserHistory user) {
        return queries.query(new FindCustomData(user.userId()), ResponseTypes.optionalInstanceOf(CustomDataView.class))
                .join().orElseThrow();
    }
}
