package dev.portico.query.api;

import dev.portico.events.UserId;
import dev.portico.query.api.UserDetailResponses.CustomDataResponse;
import dev.portico.query.api.UserDetailResponses.IdentitiesResponse;
import dev.portico.query.api.UserDetailResponses.IdentityResponse;
import dev.portico.query.api.UserDetailResponses.ProfileResponse;
import dev.portico.query.api.UserDetailResponses.SessionsResponse;
import dev.portico.query.query.CustomDataView;
import dev.portico.query.query.FindCustomData;
import dev.portico.query.query.FindProfile;
import dev.portico.query.query.FindSessions;
import dev.portico.query.query.FindUser;
import dev.portico.query.query.FindUsers;
import dev.portico.query.query.ProfileView;
import dev.portico.query.query.SessionsView;
import dev.portico.query.query.UserPage;
import dev.portico.query.query.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read API over users. Answers come from the read models, which trail the event store by a moment (see
 * {@link ConsistencyTokens} to wait for a write). Who may call what is decided in
 * {@link ReadApiSecurityConfiguration}, not here.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
public class UserController {
    private final QueryGateway queries;

    public UserController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "One user", description = "Scope users:read, or the user's own access token.")
    @GetMapping("/users/{id}")
    public UserResponse user(@PathVariable("id") String id) {
        return UserResponse.of(find(Parameters.userId(id)));
    }

    @Operation(summary = "The caller's own user", description = "An end user's access token only.")
    @GetMapping("/me")
    public UserResponse me(Authentication authentication) {
        return UserResponse.of(find(((EndUserTokens.EndUser) authentication.getPrincipal()).userId()));
    }

    @Operation(summary = "A user's identities", description = "Scope users:read, or the user itself.")
    @GetMapping("/users/{id}/identities")
    public IdentitiesResponse identities(@PathVariable("id") String id) {
        return new IdentitiesResponse(find(Parameters.userId(id)).identities().stream().map(IdentityResponse::of).toList());
    }

    @Operation(summary = "A user's profile: provider metadata merged",
            description = "Scope profiles:read, or the user itself.")
    @GetMapping("/users/{id}/profile")
    public ProfileResponse profile(@PathVariable("id") String id) {
        UserId user = Parameters.userId(id);
        return ProfileResponse.of(query(new FindProfile(user), ProfileView.class, user));
    }

    @Operation(summary = "A user's latest sessions (at most 100), newest first",
            description = "Scope sessions:read, or the user itself.")
    @GetMapping("/users/{id}/sessions")
    public SessionsResponse sessions(@PathVariable("id") String id) {
        UserId user = Parameters.userId(id);
        return SessionsResponse.of(query(new FindSessions(user), SessionsView.class, user));
    }

    @Operation(summary = "A user's custom data", description = "Scope custom-data:read, or the user itself.")
    @GetMapping("/users/{id}/custom-data")
    public CustomDataResponse customData(@PathVariable("id") String id) {
        UserId user = Parameters.userId(id);
        return CustomDataResponse.of(user.value(), query(new FindCustomData(user), CustomDataView.class, user));
    }

    @Operation(summary = "Users, filtered, a page at a time",
            description = "Scope users:read. Pages by an opaque cursor: pass next_cursor back as cursor, with the "
                    + "same filters and sort, until it is null. Users added meanwhile never shift a page.")
    @GetMapping("/users")
    public UserPageResponse users(
            @RequestParam(name = "app_id", required = false) String appId,
            @Parameter(description = "a provider's wire name, e.g. local-userpass")
            @RequestParam(name = "provider_type", required = false) String providerType,
            @Parameter(description = "active or disabled") @RequestParam(name = "state", required = false) String state,
            @Parameter(description = "exact match, case-insensitive")
            @RequestParam(name = "email", required = false) String email,
            @Parameter(description = "exact match of a full, first or last name, case-insensitive")
            @RequestParam(name = "name", required = false) String name,
            @Parameter(description = "ISO-8601 instant, inclusive")
            @RequestParam(name = "created_from", required = false) String createdFrom,
            @Parameter(description = "ISO-8601 instant, exclusive")
            @RequestParam(name = "created_before", required = false) String createdBefore,
            @Parameter(description = "created_asc (default) or created_desc")
            @RequestParam(name = "sort", required = false) String sort,
            @Parameter(description = "1 to 200, default 50; larger values are lowered to 200")
            @RequestParam(name = "size", required = false) String size,
            @RequestParam(name = "cursor", required = false) String cursor) {
        FindUsers query = ListingParameters.parse(appId, providerType, state, email, name, createdFrom,
                createdBefore, sort, size, cursor);
        UserPage page = queries.query(query, ResponseTypes.instanceOf(UserPage.class)).join();
        return new UserPageResponse(page.users().stream().map(UserResponse::of).toList(),
                page.next() == null ? null : Cursors.encode(query.order(), page.next()));
    }

    private UserView find(UserId user) {
        return query(new FindUser(user), UserView.class, user);
    }

    private <T> T query(Object query, Class<T> type, UserId user) {
        Optional<T> answer = queries.query(query, ResponseTypes.optionalInstanceOf(type)).join();
        return answer.orElseThrow(() -> ApiError.userNotFound(user));
    }
}
