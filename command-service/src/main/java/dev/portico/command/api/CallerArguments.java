package dev.portico.command.api;

import dev.portico.command.caller.Services;
import dev.portico.command.operator.Operators;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Authenticates the operator API ({@link OperatorCall}) and the service API ({@link ServiceCaller}) before
 * anything else of the request is read. A missing header is {@code MissingAuthReq}; any other token, an end
 * user's access or refresh token too, is {@code AuthError}, never {@code InvalidSession}: an SDK must not take it
 * for its own session ending.
 */
@Component
class CallerArguments implements HandlerMethodArgumentResolver {
    private final Operators operators;
    private final Services services;

    CallerArguments(Operators operators, Services services) {
        this.operators = operators;
        this.services = services;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == OperatorCall.class || parameter.getParameterType() == ServiceCaller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binders) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw new ClientApiException(HttpStatus.UNAUTHORIZED, ErrorCode.MissingAuthReq, "must authenticate first");
        }
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : "";
        if (parameter.getParameterType() == OperatorCall.class) {
            return operators.authenticate(token).map(OperatorCall::new).orElseThrow(() ->
                    new ClientApiException(HttpStatus.UNAUTHORIZED, ErrorCode.AuthError, "invalid operator token"));
        }
        return services.authenticate(token).map(ServiceCaller::new).orElseThrow(() ->
                new ClientApiException(HttpStatus.UNAUTHORIZED, ErrorCode.AuthError, "invalid service token"));
    }
}
