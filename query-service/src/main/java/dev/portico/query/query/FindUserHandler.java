package dev.portico.query.query;

import dev.portico.query.readmodel.UserRepository;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

@Component
public class FindUserHandler {
    private final UserRepository users;
    private final UserViews views;

    public FindUserHandler(UserRepository users, UserViews views) {
        this.users = users;
        this.views = views;
    }

    /** Repeatable read: the user and its identities come from one snapshot, never half a deletion. */
    @QueryHandler
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<UserView> handle(FindUser query) {
        return users.find(query.userId()).map(user -> views.of(List.of(user)).get(0));
    }
}
