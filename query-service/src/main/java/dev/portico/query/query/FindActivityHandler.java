package dev.portico.query.query;

import dev.portico.query.readmodel.SessionRepository;
import dev.portico.query.readmodel.UserRepository;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

@Component
public class FindActivityHandler {
    private final SessionRepository sessions;
    private final UserRepository users;

    public FindActivityHandler(SessionRepository sessions, UserRepository users) {
        this.sessions = sessions;
        this.users = users;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public ActivityView handle(FindActivity query) {
        return new ActivityView(sessions.issuedPerBucket(query.appId(), query.from(), query.bucket()).stream()
                .map(row -> new ActivityView.Issued(row.bucketStart(), row.providerType(), row.sessions())).toList(),
                users.countByState(query.appId()));
    }
}
