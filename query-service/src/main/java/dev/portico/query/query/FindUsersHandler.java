package dev.portico.query.query;

import dev.portico.query.privacy.SearchIndex;
import dev.portico.query.readmodel.UserFilter;
import dev.portico.query.readmodel.UserRepository;
import dev.portico.query.readmodel.UserRow;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

@Component
public class FindUsersHandler {
    private final UserRepository users;
    private final UserViews views;
    private final SearchIndex searchIndex;

    public FindUsersHandler(UserRepository users, UserViews views, SearchIndex searchIndex) {
        this.users = users;
        this.views = views;
        this.searchIndex = searchIndex;
    }

    /** One row more than the page is read: whether it exists says whether there is a next page. */
    @QueryHandler
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public UserPage handle(FindUsers query) {
        UserFilter filter = new UserFilter(query.appId(), query.providerType(), query.state(),
                query.email() == null ? null : searchIndex.email(query.email()),
                query.name() == null ? null : searchIndex.name(query.name()),
                query.createdFrom(), query.createdBefore());
        List<UserRow> rows = users.page(filter, query.order(), query.after(), query.size() + 1);
        if (rows.size() <= query.size()) {
            return new UserPage(views.of(rows), null);
        }
        List<UserRow> page = rows.subList(0, query.size());
        UserRow last = page.get(page.size() - 1);
        return new UserPage(views.of(page), new UserFilter.Position(last.createdAt(), last.id()));
    }
}
