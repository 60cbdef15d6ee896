package dev.authmd.examples.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Slow connections of every kind against a server on this machine — nothing sent, one byte, headers that never end, a
 * body shorter than its {@code Content-Length}, a chunk that never arrives — for the tests that check a server closes
 * them at its deadline and keeps serving meanwhile.
 */
public final class SlowClients implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();
    private final long openedNanos = System.nanoTime();

    private SlowClients() {}

    /**
     * Opens {@code each} connections of every kind.
     *
     * @param port the server's port on the loopback address
     * @param each how many of each kind
     * @return the open connections
     * @throws IOException when one cannot be opened
     */
    public static SlowClients open(int port, int each) throws IOException {
        SlowClients slow = new SlowClients();
        List<String> kinds = List.of(
                "",
                "G",
                "GET /auth.md HTTP/1.1\r\nHost: localhost\r\nX-Slow: ",
                post("Content-Length: 100", "{\"type\":"),
                post("Transfer-Encoding: chunked", "7fffffff\r\n{\"ty"));
        for (int i = 0; i < each; i++) {
            for (String partial : kinds) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                slow.sockets.add(socket);
                if (!partial.isEmpty()) {
                    socket.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
            }
        }
        return slow;
    }

    /**
     * {@return how many connections the server had not closed once {@code bound} had passed since they were opened}
     *
     * @param bound how long the server may take: its deadline plus slack for a loaded machine
     * @throws IOException when reading fails otherwise
     */
    public int stillOpenAfter(Duration bound) throws IOException {
        int open = 0;
        for (Socket socket : sockets) {
            long left = bound.toMillis()
                    - Duration.ofNanos(System.nanoTime() - openedNanos).toMillis();
            if (left <= 0) {
                left = 1;
            }
            socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
            if (!closedByServer(socket.getInputStream())) {
                open++;
            }
        }
        return open;
    }

    /** {@return how many connections were opened} */
    public int size() {
        return sockets.size();
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private static String post(String framing, String partialBody) {
        return "POST /agent/auth HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + framing
                + "\r\n\r\n" + partialBody;
    }

    /** Reads whatever the server answers until it closes (EOF or reset); false when it is still open at the timeout. */
    private static boolean closedByServer(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        try {
            while (in.read(buffer) >= 0) {
                // an error answer before the close is fine
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }
}
