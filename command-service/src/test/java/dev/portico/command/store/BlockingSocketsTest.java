package dev.portico.command.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class BlockingSocketsTest {
    @Test
    void readsWithoutATimeoutBlockAgainAfterATimedRead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new BlockingSockets().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket peer = server.accept()) {
            socket.setSoTimeout(20);
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

            socket.setSoTimeout(0);
            peer.getOutputStream().write(42);

            assertThat(socket.getChannel().isBlocking()).as("back in blocking mode: a read is one system call").isTrue();
            assertThat(socket.getInputStream().read()).isEqualTo(42);
        }
    }

    @Test
    void connectsWhereTheDriverAsksWithAnUnconnectedSocket() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new BlockingSockets().createSocket()) {
            socket.connect(server.getLocalSocketAddress(), 1_000);

            assertThat(socket.isConnected()).isTrue();
            assertThat(socket.getChannel().isBlocking()).isTrue();
        }
    }
}
