package dev.portico.bench;

import java.io.Closeable;
import java.io.IOException;

/** One keep-alive HTTP/1.1 connection, used by one thread, one request at a time. */
interface Transport extends Closeable {

    /** Sends the call and reads the whole response into {@code reply}; an I/O failure closes the connection. */
    void exchange(Call call, Reply reply) throws IOException;

    @Override
    void close();

    /** Which client implementation to use. */
    enum Kind {
        /** Our own blocking socket client: one write and usually one read per request. */
        RAW,
        /** java.net.http.HttpClient, one client (hence one connection) per worker. */
        JDK;

        Transport open(Target target, int timeoutMillis) {
            return this == RAW ? new RawHttpTransport(target, timeoutMillis) : new JdkHttpTransport(timeoutMillis);
        }
    }
}
