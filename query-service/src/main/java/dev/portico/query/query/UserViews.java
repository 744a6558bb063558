package dev.portico.query.query;

import dev.portico.events.UserId;
import dev.portico.query.readmodel.IdentityRepository;
import dev.portico.query.readmodel.IdentityRow;
import dev.portico.query.readmodel.UserRow;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Puts users and their identities together, with one identity query per batch of users rather than per user. */
@Component
public class UserViews {
    private final IdentityRepository identities;

    public UserViews(IdentityRepository identities) {
        this.identities = identities;
    }

    public List<UserView> of(List<UserRow> users) {
        Map<UserId, List<IdentityView>> byUser = identities.findOf(users.stream().map(UserRow::id).toList())
                .stream()
                .collect(Collectors.groupingBy(IdentityRow::userId,
                        Collectors.mapping(UserViews::view, Collectors.toList())));
        return users.stream()
                .map(user -> new UserView(user.id(), user.appId(), user.type(), user.state(),
                        byUser.getOrDefault(user.id(), List.of()), user.createdAt(), user.lastLoginAt()))
                .toList();
    }

    private static IdentityView view(IdentityRow row) {
        return new IdentityView(row.identityId(), row.providerType(), row.providerId(), row.linkedAt());
    }
}
