package dev.portico.command.api;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Browsers preflight every SDK call but the location look-up. Origins are echoed rather than {@code *}
 * because the OAuth link request is made with credentials, and it needs {@code X-BaaS-Location} exposed.
 */
@Configuration
class WebConfiguration implements WebMvcConfigurer {
    private final SessionArguments sessionArguments;
    private final EjsonBodies bodies;
    private final CallerArguments callerArguments;
    private final LoginMetrics loginMetrics;

    WebConfiguration(SessionArguments sessionArguments, EjsonBodies bodies, CallerArguments callerArguments,
            LoginMetrics loginMetrics) {
        this.sessionArguments = sessionArguments;
        this.bodies = bodies;
        this.callerArguments = callerArguments;
        this.loginMetrics = loginMetrics;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(loginMetrics);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(sessionArguments);
        resolvers.add(bodies);
        resolvers.add(callerArguments);
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/**")
                .allowedOriginPatterns("*")
                .allowedMethods("GET", "POST", "PUT", "DELETE", "OPTIONS")
                .allowedHeaders("Authorization", "Content-Type", "Accept")
                .exposedHeaders("X-BaaS-Location", ConsistencyTokens.HEADER)
                .allowCredentials(true)
                .maxAge(3600);
    }
}
