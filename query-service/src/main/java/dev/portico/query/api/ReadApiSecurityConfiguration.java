package dev.portico.query.api;

import jakarta.servlet.Filter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Guards the read API with the service token. Without a token the service refuses to start, unless anonymous
 * reads were asked for explicitly: an unguarded user listing must never happen by omission.
 */
@Configuration(proxyBeanMethods = false)
public class ReadApiSecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ReadApiSecurityConfiguration.class);

    @Bean
    public FilterRegistrationBean<Filter> serviceTokenFilter(ReadApiProperties properties) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
        if (properties.hasServiceToken()) {
            registration.setFilter(new ServiceTokenFilter(new ServiceToken(properties.serviceToken())));
        } else if (properties.allowAnonymousReads()) {
            log.warn("The read API answers without authentication: portico.query.service-token is empty and "
                    + "portico.query.allow-anonymous-reads is true. Never run like this in production.");
            registration.setFilter((request, response, chain) -> chain.doFilter(request, response));
        } else {
            throw new MissingServiceToken();
        }
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
