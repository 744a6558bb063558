package dev.portico.query.api;

import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.query.query.CountUsers;
import dev.portico.query.query.FindUser;
import dev.portico.query.query.FindUsers;
import dev.portico.query.query.UserView;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read API over users. Answers come from the read model, which trails the event store by a moment. */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
public class UserController {
    private final QueryGateway queries;

    public UserController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/{id}")
    public UserResponse user(@PathVariable("id") String id) {
        UserId userId = Parameters.userId(id);
        return queries.query(new FindUser(userId), ResponseTypes.optionalInstanceOf(UserView.class))
                .join()
                .map(UserResponse::of)
                .orElseThrow(() -> new ApiError(HttpStatus.NOT_FOUND, ErrorCode.USER_NOT_FOUND,
                        "user " + userId + " not found"));
    }

    @GetMapping
    public UserPageResponse users(@RequestParam(name = "app_id", required = false) String appId,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "size", required = false) String size) {
        AppId app = appId(appId);
        Paging paging = Paging.parse(page, size);
        List<UserView> users = queries.query(new FindUsers(app, paging.page(), paging.size()),
                ResponseTypes.multipleInstancesOf(UserView.class)).join();
        long total = queries.query(new CountUsers(app), ResponseTypes.instanceOf(Long.class)).join();
        return new UserPageResponse(users.stream().map(UserResponse::of).toList(), paging.page(), paging.size(),
                total);
    }

    private static AppId appId(String appId) {
        if (appId == null) {
            return null;
        }
        if (appId.isBlank()) {
            throw ApiError.invalidParameter("app_id must not be empty");
        }
        try {
            return new AppId(appId);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidParameter("app_id must be at most 255 characters, without control characters");
        }
    }
}
