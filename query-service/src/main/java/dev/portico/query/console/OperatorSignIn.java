package dev.portico.query.console;

import dev.portico.query.api.ClientCredentials;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Signs an operator in with the name and token of a read API credential; the credential's scopes become what
 * the console lets it see and do. An end user's access token is not a credential and is refused like any
 * wrong token.
 */
final class OperatorSignIn implements AuthenticationProvider {
    private final ClientCredentials credentials;

    OperatorSignIn(ClientCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String name = attempt.getName();
        String token = attempt.getCredentials() == null ? null : attempt.getCredentials().toString();
        return credentials.signIn(name, token)
                .map(client -> {
                    var operator = new ConsoleOperator(client.name(), client.scopes(), token);
                    return (Authentication) UsernamePasswordAuthenticationToken.authenticated(operator, null,
                            client.scopes().stream().map(SimpleGrantedAuthority::new).toList());
                })
                .orElseThrow(() -> new BadCredentialsException("wrong operator name or token"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
