package dev.portico.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The cheapest HTTP/1.1 server we can write (a thread per connection, a fixed 200 response), to measure the
 * load generator's own ceiling: run it as its own process, point {@code --scenarios noop} at it, and compare
 * with wrk against the same server. Usage: {@code java -cp portico-bench.jar dev.portico.bench.TrivialServer PORT}
 * (port 0 picks one; the port is printed on standard output). It listens on 127.0.0.1 only and runs until
 * it is killed, or for at most the number of seconds in the optional second argument (default 600).
 */
public final class TrivialServer {
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n"
            + "{\"status\":\"UP\"}").getBytes(StandardCharsets.US_ASCII);

    private TrivialServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        long lifetimeMillis = (args.length > 1 ? Long.parseLong(args[1]) : 600) * 1000;
        ServerSocket server = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
        System.out.println(server.getLocalPort());
        System.out.flush();
        // A load-test target must stop by itself even if whoever started it dies: a fixed lifetime is the point.
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(lifetimeMillis);
            } catch (InterruptedException ignored) {
                // stop now
            }
            System.exit(0);
        }, "lifetime");
        stopper.setDaemon(true);
        stopper.start();
        while (true) {
            Socket socket = server.accept();
            socket.setTcpNoDelay(true);
            Thread t = new Thread(() -> serve(socket), "conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void serve(Socket socket) {
        byte[] buf = new byte[16 * 1024];
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            int lim = 0;
            while (true) {
                int end = headerEnd(buf, lim);
                if (end < 0) {
                    if (lim == buf.length) {
                        return;
                    }
                    int n = in.read(buf, lim, buf.length - lim);
                    if (n < 0) {
                        return;
                    }
                    lim += n;
                    continue;
                }
                int bodyLength = contentLength(buf, end);
                int total = end + 4 + bodyLength;
                while (lim < total) {
                    int n = in.read(buf, lim, Math.min(buf.length, total) - lim);
                    if (n < 0) {
                        return;
                    }
                    lim += n;
                }
                out.write(RESPONSE);
                out.flush();
                System.arraycopy(buf, total, buf, 0, lim - total);
                lim -= total;
            }
        } catch (IOException ignored) {
            // client went away
        }
    }

    private static int headerEnd(byte[] buf, int lim) {
        for (int i = 0; i + 3 < lim; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int contentLength(byte[] buf, int end) {
        String head = new String(buf, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("\r\ncontent-length:");
        if (at < 0) {
            return 0;
        }
        int i = at + 17;
        while (head.charAt(i) == ' ') {
            i++;
        }
        int j = i;
        while (j < head.length() && Character.isDigit(head.charAt(j))) {
            j++;
        }
        return Integer.parseInt(head.substring(i, j));
    }
}
