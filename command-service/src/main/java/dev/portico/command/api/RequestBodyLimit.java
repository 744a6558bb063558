package dev.portico.command.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies, which controllers read whole into memory. The largest body a client sends with
 * reason is a custom-JWT login: a token of up to 1,000,000 characters (App Services' limit) with its device
 * details; 2 MiB leaves room for that and no more. A declared length over the bound is refused before anything
 * is read; a body without one (chunked) is cut off where it passes the bound.
 */
@Component
class RequestBodyLimit extends OncePerRequestFilter {
    static final long MAX_BYTES = 2L * 1024 * 1024;
    static final String MESSAGE = "request body too large: at most " + MAX_BYTES + " bytes";

    private final ObjectMapper json;

    RequestBodyLimit(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BYTES) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ErrorBody.of(ErrorCode.BadRequest, MESSAGE));
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Bounded(request), response);
    }

    /** Thrown by a body that passes the bound as it is read; answered 413 by {@link ClientApiErrors}. */
    static class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super(MESSAGE, null);
        }
    }

    private static final class Bounded extends HttpServletRequestWrapper {
        private ServletInputStream bounded;

        Bounded(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (bounded == null) {
                bounded = new CountingStream(super.getInputStream());
            }
            return bounded;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private long read;

        CountingStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > MAX_BYTES) {
                throw new BodyTooLarge();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
