package dev.portico.command.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.stereotype.Component;

/**
 * Writes JSON bodies with a {@code Content-Length}. Spring's converter streams the body and flushes it, which
 * commits the response before its length is known: Tomcat then sends it chunked, and the closing chunk costs a
 * second write to the socket for every response. Every body this service answers is small and bounded (the
 * largest are admin pages and custom data, both capped), so it is serialised first and sent in one write.
 * Replaces Spring Boot's converter of the same type (it backs off when one is declared).
 */
@Component
class SizedJsonConverter extends MappingJackson2HttpMessageConverter {
    SizedJsonConverter(ObjectMapper json) {
        super(json);
    }

    @Override
    protected void writeInternal(Object body, Type type, HttpOutputMessage response) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        super.writeInternal(body, type, new HttpOutputMessage() {
            @Override
            public OutputStream getBody() {
                return buffer;
            }

            @Override
            public HttpHeaders getHeaders() {
                return response.getHeaders();
            }
        });
        response.getHeaders().setContentLength(buffer.size());
        buffer.writeTo(response.getBody());
    }
}
