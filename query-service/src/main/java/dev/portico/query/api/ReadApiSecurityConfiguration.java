package dev.portico.query.api;

import dev.portico.query.query.CountEndedSessions;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Who may read what: every URL rule of the read API is here, in one chain. Stateless; callers present a
 * service credential (with scopes) or their own access token on every request.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class ReadApiSecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ReadApiSecurityConfiguration.class);

    /** The configured service credentials; the console signs operators in with them too. */
    @Bean
    ClientCredentials clientCredentials(ReadApiProperties properties) {
        return ClientCredentials.from(properties);
    }

    @Bean
    SecurityFilterChain readApi(HttpSecurity http, ReadApiProperties properties, ClientCredentials clients,
            QueryGateway queries) throws Exception {
        // No credential at all gets this far only when anonymous reads were asked for explicitly.
        boolean anonymousReads = clients.isEmpty();
        if (anonymousReads) {
            log.warn("The read API answers without authentication: no credential is configured and "
                    + "portico.query.allow-anonymous-reads is true. Never run like this in production.");
        }
        Optional<EndUserTokens> endUsers = Optional.ofNullable(properties.jwksUri())
                .filter(uri -> !uri.toString().isBlank())
                .map(uri -> new EndUserTokens(uri, properties.tokenIssuer()));
        var bearer = new BearerAuthenticationFilter(clients, endUsers,
                session -> queries.query(session, ResponseTypes.instanceOf(Long.class)).join() > 0, anonymousReads);

        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(bearer, AuthorizationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"portico-query\"");
                            if (request.getAttribute(BearerAuthenticationFilter.INVALID_TOKEN) != null) {
                                Problems.write(request, response, HttpStatus.UNAUTHORIZED, ErrorCode.INVALID_SESSION,
                                        "invalid bearer token");
                            } else {
                                Problems.write(request, response, HttpStatus.UNAUTHORIZED, ErrorCode.MISSING_AUTH,
                                        "expected an Authorization header with a Bearer token");
                            }
                        })
                        .accessDeniedHandler((request, response, e) -> Problems.write(request, response, HttpStatus.FORBIDDEN,
                                ErrorCode.FORBIDDEN, "this credential may not read this")))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/v3/api-docs",
                                "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/me").access(endUser())
                        // Auditors and operators (the history and admin endpoints).
                        .requestMatchers("/api/v1/users/{id}/history", "/api/v1/users/{id}/history/**",
                                "/api/v1/users/{id}/state").hasAuthority(Scopes.HISTORY_READ)
                        .requestMatchers("/api/v1/audit/**").hasAuthority(Scopes.HISTORY_READ)
                        .requestMatchers("/api/v1/admin/**").hasAuthority(Scopes.ADMIN)
                        // A user's data: a service with the scope, or the user itself.
                        .requestMatchers(HttpMethod.GET, "/api/v1/users/{id}/profile")
                                .access(scopeOrSelf(Scopes.PROFILES_READ))
                        .requestMatchers(HttpMethod.GET, "/api/v1/users/{id}/custom-data")
                                .access(scopeOrSelf(Scopes.CUSTOM_DATA_READ))
                        .requestMatchers(HttpMethod.GET, "/api/v1/users/{id}/sessions")
                                .access(scopeOrSelf(Scopes.SESSIONS_READ))
                        .requestMatchers(HttpMethod.GET, "/api/v1/users/{id}", "/api/v1/users/{id}/identities")
                                .access(scopeOrSelf(Scopes.USERS_READ))
                        .requestMatchers(HttpMethod.GET, "/api/v1/users").hasAuthority(Scopes.USERS_READ)
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .build();
    }

    /** Spring Security's firewall refuses some requests (encoded slashes, NUL) before any rule; in our format. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> Problems.write(request, response, HttpStatus.BAD_REQUEST,
                ErrorCode.INVALID_PARAMETER, "the request was refused");
    }

    /** No users or passwords here: this keeps Spring Boot from making a default user with a logged password. */
    @Bean
    UserDetailsService noUsers() {
        return username -> {
            throw new org.springframework.security.core.userdetails.UsernameNotFoundException(username);
        };
    }

    private static AuthorizationManager<RequestAuthorizationContext> endUser() {
        return (authentication, context) -> new AuthorizationDecision(
                caller(authentication) instanceof EndUserTokens.EndUser);
    }

    private static AuthorizationManager<RequestAuthorizationContext> scopeOrSelf(String scope) {
        return (authentication, context) -> {
            Object caller = caller(authentication);
            if (caller instanceof EndUserTokens.EndUser user) {
                return new AuthorizationDecision(user.userId().value().equals(context.getVariables().get("id")));
            }
            return new AuthorizationDecision(caller instanceof ClientCredentials.ServiceClient client
                    && client.scopes().contains(scope));
        };
    }

    private static Object caller(Supplier<Authentication> authentication) {
        Authentication current = authentication.get();
        return current instanceof ReadApiAuthentication ? current.getPrincipal() : null;
    }
}
