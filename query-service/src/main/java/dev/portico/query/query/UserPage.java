package dev.portico.query.query;

import dev.portico.query.readmodel.UserFilter;
import java.util.List;

/** One page of a listing; {@code next} is where the following page starts, null on the last page. */
public record UserPage(List<UserView> users, UserFilter.Position next) {
    public UserPage {
        users = List.copyOf(users);
    }
}
