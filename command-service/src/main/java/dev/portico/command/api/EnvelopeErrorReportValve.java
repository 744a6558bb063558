package dev.portico.command.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat answers some requests itself, before any servlet runs (request headers too large, a malformed
 * request line); its own page is HTML. This valve writes the protocol's envelope instead, with no detail of
 * the server.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        ErrorBody body = resolved != null && resolved.is4xxClientError()
                ? ErrorBody.of(resolved == HttpStatus.NOT_FOUND ? ErrorCode.NotFound : ErrorCode.BadRequest,
                        "the request was refused: " + resolved.getReasonPhrase().toLowerCase())
                : ErrorBody.of(ErrorCode.InternalServerError, "internal server error");
        try {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(JSON.writeValueAsBytes(body));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone; there is nobody to tell
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Installation {
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> envelopeErrorReports() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                    host.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
                }
            });
        }
    }
}
