package dev.portico.query.api;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated caller of the read API: a {@link ClientCredentials.ServiceClient}, whose scopes are its
 * authorities, or an {@link EndUserTokens.EndUser}, who has none and may read only itself.
 */
final class ReadApiAuthentication extends AbstractAuthenticationToken {
    private final Object caller;

    private ReadApiAuthentication(Object caller, List<SimpleGrantedAuthority> authorities) {
        super(authorities);
        this.caller = caller;
        setAuthenticated(true);
    }

    static ReadApiAuthentication of(ClientCredentials.ServiceClient client) {
        return new ReadApiAuthentication(client, client.scopes().stream().map(SimpleGrantedAuthority::new).toList());
    }

    static ReadApiAuthentication of(EndUserTokens.EndUser user) {
        return new ReadApiAuthentication(user, List.of());
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller instanceof ClientCredentials.ServiceClient client ? client.name()
                : ((EndUserTokens.EndUser) caller).userId().value();
    }
}
