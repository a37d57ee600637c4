package dev.sharebridge.bootstrap.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Many connections that each send a request's headers and then its body one byte per tick, all
 * from one thread over non-blocking sockets, and notice when the server closes them: what a
 * client on a very slow network, or an attacker holding the server's threads, does. The ticks
 * are the load pattern itself (one byte a second), not a wait for the server.
 */
final class SlowClients implements AutoCloseable {
    /** One slow connection: what it sent and what the server answered before it closed it. */
    static final class Connection {
        final int index;
        final SocketChannel channel;
        final StringBuilder answer = new StringBuilder();
        long bodyBytesSent;
        boolean closedByServer;
        long closedAtNanos;

        Connection(int index, SocketChannel channel) {
            this.index = index;
            this.channel = channel;
        }

        /** The status code of the first non-interim answer, or 0 when none came. */
        int status() {
            for (String line : answer.toString().split("\r\n")) {
                if (line.startsWith("HTTP/1.1 ") && !line.startsWith("HTTP/1.1 100")) {
                    return Integer.parseInt(line.substring(9, 12));
                }
            }
            return 0;
        }
    }

    private final Selector selector;
    private final List<Connection> connections = new ArrayList<>();
    private final long startNanos = System.nanoTime();

    private SlowClients(Selector selector) {
        this.selector = selector;
    }

    /**
     * Opens {@code count} connections to {@code port} and sends each the head {@code heads}
     * makes for its index, and the first byte of its body.
     */
    static SlowClients open(int port, int count, IntFunction<String> heads) throws IOException {
        SlowClients clients = new SlowClients(Selector.open());
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.configureBlocking(false);
            Connection c = new Connection(i, channel);
            clients.connections.add(c);
            channel.register(clients.selector, SelectionKey.OP_READ, c);
            writeFully(channel, ByteBuffer.wrap(heads.apply(i).getBytes(StandardCharsets.ISO_8859_1)));
            clients.sendByte(c);
        }
        return clients;
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                throw new IOException("the socket buffer is full after a request head");
            }
        }
    }

    private void sendByte(Connection c) {
        if (c.closedByServer || !c.channel.isOpen()) {
            return;
        }
        try {
            if (c.channel.write(ByteBuffer.wrap(new byte[] {'x'})) == 1) {
                c.bodyBytesSent++;
            }
        } catch (IOException e) {
            closed(c);
        }
    }

    /**
     * One tick: reads whatever the server sent (noting the connections it closed) for up to
     * {@code tick}, then sends one more body byte on every connection still open.
     */
    void tick(Duration tick) throws IOException {
        long end = System.nanoTime() + tick.toNanos();
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            if (selector.select(Math.max(1, left / 1_000_000)) == 0) {
                continue;
            }
            for (SelectionKey key : selector.selectedKeys()) {
                read((Connection) key.attachment());
            }
            selector.selectedKeys().clear();
        }
        for (Connection c : connections) {
            sendByte(c);
        }
    }

    private void read(Connection c) {
        if (c.closedByServer) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        try {
            int n;
            while ((n = c.channel.read(buffer)) > 0) {
                c.answer.append(new String(buffer.array(), 0, n, StandardCharsets.ISO_8859_1));
                buffer.clear();
            }
            if (n < 0) {
                closed(c);
            }
        } catch (IOException reset) {
            closed(c);
        }
    }

    private void closed(Connection c) {
        c.closedByServer = true;
        c.closedAtNanos = System.nanoTime();
        SelectionKey key = c.channel.keyFor(selector);
        if (key != null) {
            key.cancel();
        }
    }

    /** Closes connection {@code index} from this side, as a client that gives up. */
    void abandon(int index) throws IOException {
        Connection c = connections.get(index);
        closed(c);
        c.closedByServer = false;
        c.channel.close();
    }

    /** How many connections the server answered {@code 100 Continue}: their route is reading the body. */
    int continued() {
        return (int) connections.stream()
                .filter(c -> c.answer.indexOf("HTTP/1.1 100") >= 0)
                .count();
    }

    int open() {
        return (int) connections.stream()
                .filter(c -> !c.closedByServer && c.channel.isOpen())
                .count();
    }

    List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** How many connections got each status before they were closed (0: closed without an answer). */
    Map<Integer, Integer> statuses() {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (Connection c : connections) {
            counts.merge(c.status(), 1, Integer::sum);
        }
        return counts;
    }

    /** Seconds since the first connection was opened. */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    double secondsUntilClosed(Connection c) {
        return (c.closedAtNanos - startNanos) / 1e9;
    }

    @Override
    public void close() throws IOException {
        for (Connection c : connections) {
            c.channel.close();
        }
        selector.close();
    }
}
