package dev.jsctx.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Redis server (Debian's {@code redis-server}) on a free loopback port, in its own directory, keeping
 * nothing on disk; {@link #close()} stops it. Under {@code CI=true} a missing binary fails the test.
 */
final class RedisServer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/redis-server");

    /**
     * The apps' {@code liveview.redis.command-timeout} in these tests: a node's first connection took over the
     * default 2 s on the shared 2-core machine, with the other JVMs of the test starting.
     */
    static final String COMMAND_TIMEOUT = "PT10S";

    private final LocalProcess process;
    private final int port;

    private RedisServer(LocalProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts one and waits until it answers PING. */
    static RedisServer start(Path dir) throws Exception {
        ItEnvironment.requireProgram(BINARY, "apt-get install redis-server");
        int port = LocalProcess.freePort();
        LocalProcess process = LocalProcess.start(
                "redis",
                List.of(
                        BINARY.toString(),
                        "--port",
                        String.valueOf(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dir.toString()),
                Map.of(),
                dir);
        RedisServer redis = new RedisServer(process, port);
        try {
            Poll.until("redis answering PING", Duration.ofSeconds(20), redis::ping, "+PONG"::equals);
        } catch (Exception | AssertionError e) {
            process.close();
            throw e;
        }
        return redis;
    }

    /** The address apps are configured with, e.g. {@code redis://127.0.0.1:6380}. */
    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** One PING in Redis's protocol: its first reply line, or what went wrong. */
    private String ping() {
        process.requireAlive();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.readNBytes(reply, 0, reply.length);
            return new String(reply, 0, read, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
