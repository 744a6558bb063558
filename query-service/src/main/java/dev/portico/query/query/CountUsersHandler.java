package dev.portico.query.query;

import dev.portico.query.readmodel.UserRepository;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

@Component
public class CountUsersHandler {
    private final UserRepository users;

    public CountUsersHandler(UserRepository users) {
        this.users = users;
    }

    @QueryHandler
    public Long handle(CountUsers query) {
        return users.count(query.appId());
    }
}
