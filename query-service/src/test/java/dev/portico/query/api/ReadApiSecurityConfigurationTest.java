package dev.portico.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Without a service token the service must not start, unless anonymous reads were asked for. */
class ReadApiSecurityConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Setup.class);

    @Test
    void refusesToStartWithoutAServiceToken() {
        runner.withPropertyValues("portico.query.service-token=")
                .run(context -> assertThat(context).getFailure()
                        .rootCause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("portico.query.service-token")
                        .hasMessageContaining("PORTICO_QUERY_SERVICE_TOKEN")
                        .hasMessageContaining("portico.query.allow-anonymous-reads"));
    }

    @Test
    void startsWithoutATokenWhenAnonymousReadsAreAllowed() {
        runner.withPropertyValues("portico.query.allow-anonymous-reads=true")
                .run(context -> assertThat(filter(context.getBean(FilterRegistrationBean.class)))
                        .isNotInstanceOf(ServiceTokenFilter.class));
    }

    @Test
    void guardsTheApiWithTheTokenWhenOneIsSet() {
        runner.withPropertyValues("portico.query.service-token=abc", "portico.query.allow-anonymous-reads=true")
                .run(context -> {
                    FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
                    assertThat(filter(registration)).isInstanceOf(ServiceTokenFilter.class);
                    assertThat(registration.getUrlPatterns()).containsExactly("/api/*");
                });
    }

    private static Filter filter(FilterRegistrationBean<?> registration) {
        return registration.getFilter();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ReadApiProperties.class)
    @Import(ReadApiSecurityConfiguration.class)
    static class Setup {
    }
}
