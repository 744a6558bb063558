package dev.portico.query.console;

import dev.portico.query.api.ClientCredentials;
import dev.portico.query.api.Scopes;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may see and do what in the console: every URL rule of {@code /console} is here, in a chain of its own
 * (the read API's stays stateless). Operators sign in with a read API credential's name and token; the
 * session cookie is HttpOnly, SameSite=Strict and, over TLS, Secure; every change carries Spring Security's
 * CSRF token; pages allow nothing but this origin's own files (no inline script or style).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleSecurityConfiguration {
    static final String SIGN_IN = "/console/sign-in";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'; object-src 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, ClientCredentials credentials, ConsoleProperties properties)
            throws Exception {
        int idleSeconds = Math.toIntExact(Math.max(60, properties.idleTimeout().toSeconds()));
        var signedIn = new SavedRequestAwareAuthenticationSuccessHandler();
        signedIn.setDefaultTargetUrl("/console");
        return http
                // A path pattern, not an MVC matcher: the chain is built in contexts without Spring MVC too.
                .securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/console/**"))
                .authenticationManager(new ProviderManager(new OperatorSignIn(credentials)))
                .addFilterBefore(new SignInRateLimit(properties.signInAttemptsPerMinute()),
                        UsernamePasswordAuthenticationFilter.class)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(form -> form
                        .loginPage(SIGN_IN)
                        .usernameParameter("name")
                        .passwordParameter("token")
                        .successHandler((request, response, authentication) -> {
                            request.getSession().setMaxInactiveInterval(idleSeconds);
                            signedIn.onAuthenticationSuccess(request, response, authentication);
                        })
                        .failureUrl(SIGN_IN + "?error")
                        .permitAll())
                .logout(logout -> logout
                        .logoutUrl("/console/sign-out")
                        .logoutSuccessUrl(SIGN_IN + "?signed-out")
                        .deleteCookies("JSESSIONID"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/console/assets/**").permitAll()
                        // Auditors.
                        .requestMatchers("/console/history", "/console/history/**", "/console/chain")
                                .hasAuthority(Scopes.HISTORY_READ)
                        // Reading users, as the read API's listing and user endpoints allow.
                        .requestMatchers(HttpMethod.GET, "/console/users", "/console/users/{id}")
                                .hasAuthority(Scopes.USERS_READ)
                        // Every change, and the command-service's apps, keys and pending users: operators.
                        .requestMatchers("/console/users/**", "/console/apps", "/console/apps/**")
                                .hasAuthority(Scopes.ADMIN)
                        .anyRequest().authenticated())
                .build();
    }
}
