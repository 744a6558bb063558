package dev.portico.query.projection;

import static dev.portico.query.support.UserHistory.anonymous;
import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.events.AppId;
import dev.portico.events.user.DeletionReason;
import dev.portico.query.support.UserHistory.Identity;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.UserId;
import dev.portico.events.user.UserType;
import dev.portico.query.query.CountUsers;
import dev.portico.query.query.FindUser;
import dev.portico.query.query.FindUsers;
import dev.portico.query.query.IdentityView;
import dev.portico.query.query.UserPage;
import dev.portico.query.query.UserView;
import dev.portico.query.readmodel.UserState;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Events in, queries out: the read model as the query gateway serves it. */
@QueryServiceTest
class UserProjectionTest {
    private static final Duration PROJECTED = Duration.ofSeconds(15);

    @Autowired
    EventStore eventStore;
    @Autowired
    QueryGateway queries;
    @Autowired
    UserProjection projection;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aRegisteredUserIsFoundWithItsFirstIdentity() {
        UserHistory user = new UserHistory(newApp());
        Identity identity = anonymous();
        Instant at = now();

        eventStore.publish(user.register(UserType.NORMAL, identity, at));

        await().atMost(PROJECTED).untilAsserted(() -> assertThat(find(user.userId())).contains(new UserView(
                user.userId(), user.appId(), UserType.NORMAL, UserState.ACTIVE,
                List.of(new IdentityView(identity.id(), ProviderType.ANONYMOUS, "anon-user", at)), at, null)));
    }

    @Test
    void aLoginSetsTheLastLoginAndAnOlderOneDoesNotMoveItBack() {
        UserHistory user = new UserHistory(newApp());
        Identity identity = anonymous();
        Instant registered = now();
        eventStore.publish(user.register(UserType.SERVER, identity, registered));
        Instant login = registered.plusSeconds(60);

        eventStore.publish(user.login(identity, login));
        eventStore.publish(user.login(identity, registered.plusSeconds(30)));
        Identity second = Identity.of(ProviderType.API_KEY, "api-key");
        eventStore.publish(user.link(second, registered.plusSeconds(90)));

        await().atMost(PROJECTED).untilAsserted(() -> {
            UserView view = find(user.userId()).orElseThrow(() -> new AssertionError("not projected yet"));
            assertThat(view.type()).isEqualTo(UserType.SERVER);
            assertThat(view.identities()).extracting(IdentityView::providerType)
                    .containsExactly(ProviderType.ANONYMOUS, ProviderType.API_KEY);
            assertThat(view.lastLoginAt()).isEqualTo(login);
        });
    }

    @Test
    void aDeletedUserIsNeitherFoundNorListed() {
        AppId app = newApp();
        UserHistory kept = new UserHistory(app);
        UserHistory deleted = new UserHistory(app);
        Instant at = now();
        eventStore.publish(kept.register(at));
        eventStore.publish(deleted.register(at.plusMillis(1)));
        await().atMost(PROJECTED).until(() -> count(app) == 2);

        eventStore.publish(deleted.delete(DeletionReason.USER_REQUEST, at.plusSeconds(1)));

        await().atMost(PROJECTED).untilAsserted(() -> {
            assertThat(find(deleted.userId())).isEmpty();
            assertThat(list(app, 50)).extracting(UserView::id).containsExactly(kept.userId());
            assertThat(count(app)).isEqualTo(1);
        });
    }

    @Test
    void theListingPagesByCreationTimeThenIdWithinOneApp() {
        AppId app = newApp();
        Instant first = now();
        UserHistory a = new UserHistory(app);
        UserHistory b = new UserHistory(app);
        UserHistory c = new UserHistory(app);
        UserHistory elsewhere = new UserHistory(newApp());
        // c is created last; a and b at the same instant, so the id decides between them.
        eventStore.publish(c.register(first.plusSeconds(5)));
        eventStore.publish(a.register(first));
        eventStore.publish(b.register(first));
        eventStore.publish(elsewhere.register(first));

        await().atMost(PROJECTED).until(() -> count(app) == 3);
        List<UserId> sameInstant = List.of(a.userId(), b.userId()).stream()
                .sorted((x, y) -> x.value().compareTo(y.value()))
                .toList();
        UserPage first2 = queries.query(FindUsers.ofApp(app, 2), ResponseTypes.instanceOf(UserPage.class)).join();
        assertThat(first2.users()).extracting(UserView::id).containsExactlyElementsOf(sameInstant);
        UserPage rest = queries.query(FindUsers.ofApp(app, 2).after(first2.next()),
                ResponseTypes.instanceOf(UserPage.class)).join();
        assertThat(rest.users()).extracting(UserView::id).containsExactly(c.userId());
        assertThat(rest.next()).isNull();
        assertThat(list(null, 200)).extracting(UserView::id).contains(elsewhere.userId(), c.userId());
    }

    @Test
    void anIdentityOfAnUnknownUserIsIgnoredAndProjectionGoesOn() {
        UserHistory neverRegistered = new UserHistory(newApp());
        UserHistory later = new UserHistory(newApp());

        eventStore.publish(neverRegistered.link(anonymous(), now()));
        eventStore.publish(later.register(now()));

        await().atMost(PROJECTED).until(() -> find(later.userId()).isPresent());
        assertThat(find(neverRegistered.userId())).isEmpty();
    }

    /** The processor may hand an event over again after a failure between handling and committing. */
    @Test
    void handlingTheSameEventsAgainChangesNothing() {
        UserHistory user = new UserHistory(newApp());
        Identity identity = anonymous();
        Instant at = now();
        List<EventMessage<?>> history = new java.util.ArrayList<>(user.register(UserType.NORMAL, identity, at));
        history.add(user.login(identity, at.plusSeconds(5)));

        transactions.executeWithoutResult(status -> history.forEach(this::handleDirectly));
        UserView once = find(user.userId()).orElseThrow();
        transactions.executeWithoutResult(status -> history.forEach(this::handleDirectly));

        assertThat(find(user.userId())).contains(once);
        assertThat(once.identities()).hasSize(1);
        assertThat(once.lastLoginAt()).isEqualTo(at.plusSeconds(5));
    }

    private void handleDirectly(EventMessage<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof dev.portico.events.user.UserRegistered event) {
            projection.on(event);
        } else if (payload instanceof dev.portico.events.identity.IdentityLinked event) {
            projection.on(event);
        } else if (payload instanceof dev.portico.events.session.SessionIssued event) {
            projection.on(event);
        }
    }

    private Optional<UserView> find(UserId id) {
        return queries.query(new FindUser(id), ResponseTypes.optionalInstanceOf(UserView.class)).join();
    }

    private List<UserView> list(AppId app, int size) {
        return queries.query(FindUsers.ofApp(app, size), ResponseTypes.instanceOf(UserPage.class)).join().users();
    }

    private long count(AppId app) {
        return queries.query(new CountUsers(app), ResponseTypes.instanceOf(Long.class)).join();
    }
}
