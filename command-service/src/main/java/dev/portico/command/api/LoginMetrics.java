package dev.portico.command.api;

import dev.portico.command.app.AppRegistry;
import dev.portico.events.identity.ProviderType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Counts logins where they end, in the answer to the login request: {@code portico.logins} by provider, kind
 * ({@code login} or {@code link}) and outcome, taken from the status the client got ({@code success},
 * {@code refused} for 401, {@code invalid} for other 4xx, {@code rate_limited} for 429, {@code error} for 5xx),
 * and app. The provider and app tags are a known provider's wire name and a served app's id, or {@code unknown},
 * so clients cannot add tag values.
 */
@Component
class LoginMetrics implements HandlerInterceptor {
    private final MeterRegistry registry;
    private final AppRegistry apps;

    LoginMetrics(MeterRegistry registry, AppRegistry apps) {
        this.registry = registry;
        this.apps = apps;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (!(handler instanceof HandlerMethod method) || method.getBeanType() != LoginController.class) {
            return;
        }
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String provider = variables instanceof Map<?, ?> map && map.get("provider") instanceof String name
                ? ProviderType.fromWireName(name).map(ProviderType::wireName).orElse("unknown")
                : "unknown";
        String app = variables instanceof Map<?, ?> map && map.get("appId") instanceof String id
                && apps.find(id).isPresent() ? id : "unknown";
        Counter.builder("portico.logins")
                .description("Logins and identity links answered, by provider and outcome")
                .tag("app", app)
                .tag("provider", provider)
                .tag("kind", "true".equals(request.getParameter("link")) ? "link" : "login")
                .tag("outcome", outcome(response.getStatus()))
                .register(registry)
                .increment();
    }

    private static String outcome(int status) {
        if (status < 400) {
            return "success";
        }
        if (status == 401) {
            return "refused";
        }
        if (status == 429) {
            return "rate_limited";
        }
        return status < 500 ? "invalid" : "error";
    }
}
