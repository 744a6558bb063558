package dev.portico.query.query;

import dev.portico.query.readmodel.UserRepository;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

@Component
public class FindUsersHandler {
    private final UserRepository users;
    private final UserViews views;

    public FindUsersHandler(UserRepository users, UserViews views) {
        this.users = users;
        this.views = views;
    }

    @QueryHandler
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<UserView> handle(FindUsers query) {
        return views.of(users.page(query.appId(), query.offset(), query.size()));
    }
}
