package dev.portico.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A minimal HTTP/1.1 client over a blocking socket: it writes a prepared request in one call and parses the
 * status line, the three headers that matter (Content-Length, Transfer-Encoding, Connection) and the body,
 * in place in one buffer. No allocation per request in the steady state, no selector, no futures: a few
 * microseconds of CPU per request, so that the generator takes little of the CPU it shares with the service.
 */
final class RawHttpTransport implements Transport {
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes();
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes();
    private static final byte[] CONNECTION = "connection".getBytes();

    private final Target target;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;

    RawHttpTransport(Target target, int timeoutMillis) {
        this.target = target;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void exchange(Call call, Reply reply) throws IOException {
        try {
            if (socket == null) {
                connect();
            }
            out.write(call.wire());
            out.flush();
            if (readResponse(reply)) {
                close();
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException("bad response: " + e, e);
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(new InetSocketAddress(target.host(), target.port()), timeoutMillis);
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
        pos = 0;
        lim = 0;
    }

    /** Reads one response; returns whether the connection must be closed after it. */
    private boolean readResponse(Reply reply) throws IOException {
        int headerEnd;
        while ((headerEnd = indexOfBlankLine()) < 0) {
            fill();
        }
        // Status line: HTTP/1.1 200 OK
        if (headerEnd - pos < 12 || buf[pos] != 'H' || buf[pos + 8] != ' ') {
            throw new IOException("not an HTTP response");
        }
        reply.status = (buf[pos + 9] - '0') * 100 + (buf[pos + 10] - '0') * 10 + (buf[pos + 11] - '0');
        boolean close = buf[pos + 7] == '0'; // HTTP/1.0
        long contentLength = -1;
        boolean chunked = false;
        int line = indexOfCrlf(pos, headerEnd + 2) + 2;
        while (line < headerEnd + 2) {
            int eol = indexOfCrlf(line, headerEnd + 2);
            int colon = indexOf((byte) ':', line, eol);
            if (colon > 0) {
                int v = colon + 1;
                while (v < eol && buf[v] == ' ') {
                    v++;
                }
                if (nameIs(CONTENT_LENGTH, line, colon)) {
                    contentLength = parseLong(v, eol);
                } else if (nameIs(TRANSFER_ENCODING, line, colon)) {
                    chunked = containsIgnoreCase(v, eol, "chunked");
                } else if (nameIs(CONNECTION, line, colon)) {
                    close = containsIgnoreCase(v, eol, "close");
                }
            }
            line = eol + 2;
        }
        pos = headerEnd + 4;
        reply.length = 0;
        if (reply.status == 204 || reply.status == 304 || (reply.status >= 100 && reply.status < 200)) {
            return close;
        }
        if (contentLength >= 0) {
            need((int) contentLength);
            reply.body(buf, pos, (int) contentLength);
            pos += (int) contentLength;
        } else if (chunked) {
            readChunked(reply);
        } else {
            // Body delimited by the end of the connection.
            while (true) {
                reply.append(buf, pos, lim - pos);
                pos = lim;
                if (!fillOrEof()) {
                    break;
                }
            }
            close = true;
        }
        return close;
    }

    private void readChunked(Reply reply) throws IOException {
        while (true) {
            int eol;
            while ((eol = indexOfCrlf(pos, lim)) < 0) {
                fill();
            }
            int size = 0;
            for (int i = pos; i < eol; i++) {
                int d = Character.digit(buf[i], 16);
                if (d < 0) {
                    break; // chunk extensions
                }
                size = size * 16 + d;
            }
            pos = eol + 2;
            if (size == 0) {
                // Trailers, then a blank line.
                while (true) {
                    while ((eol = indexOfCrlf(pos, lim)) < 0) {
                        fill();
                    }
                    boolean blank = eol == pos;
                    pos = eol + 2;
                    if (blank) {
                        return;
                    }
                }
            }
            need(size + 2);
            reply.append(buf, pos, size);
            pos += size + 2;
        }
    }

    /** Ensures that {@code count} bytes are buffered from {@link #pos}. */
    private void need(int count) throws IOException {
        while (lim - pos < count) {
            if (buf.length - pos < count) {
                compactOrGrow(count);
            }
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                throw new EOFException("connection closed in a response body");
            }
            lim += n;
        }
    }

    private void fill() throws IOException {
        if (!fillOrEof()) {
            throw new EOFException(lim == pos ? "connection closed before a response" : "connection closed in a response");
        }
    }

    private boolean fillOrEof() throws IOException {
        if (lim == buf.length) {
            compactOrGrow(lim - pos + 1);
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            return false;
        }
        lim += n;
        return true;
    }

    private void compactOrGrow(int room) {
        int live = lim - pos;
        byte[] target = buf.length >= room + 1 && buf.length >= live + 1 ? buf : new byte[Math.max(buf.length * 2, room + 1)];
        System.arraycopy(buf, pos, target, 0, live);
        buf = target;
        pos = 0;
        lim = live;
    }

    private int indexOfBlankLine() {
        for (int i = pos, last = lim - 4; i <= last; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private int indexOfCrlf(int from, int to) {
        for (int i = from; i < to - 1; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean nameIs(byte[] lowerName, int from, int to) {
        if (to - from != lowerName.length) {
            return false;
        }
        for (int i = 0; i < lowerName.length; i++) {
            int c = buf[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    private long parseLong(int from, int to) throws IOException {
        long value = 0;
        int i = from;
        for (; i < to && buf[i] >= '0' && buf[i] <= '9'; i++) {
            value = value * 10 + (buf[i] - '0');
        }
        if (i == from) {
            throw new IOException("bad Content-Length");
        }
        return value;
    }

    private boolean containsIgnoreCase(int from, int to, String word) {
        String value = new String(buf, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        return value.toLowerCase(java.util.Locale.ROOT).contains(word);
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        in = null;
        out = null;
        pos = 0;
        lim = 0;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public String toString() {
        return "raw HTTP/1.1 to " + target.hostHeader();
    }
}
