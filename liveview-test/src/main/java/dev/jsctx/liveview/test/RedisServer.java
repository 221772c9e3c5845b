package dev.jsctx.liveview.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Redis server of a test's (or a benchmark's) own, for views across nodes ({@code jsctx-liveview-redis}): the
 * machine's {@code redis-server} (Debian's package, {@link #BINARY}) on a free loopback port, in its own directory,
 * keeping nothing on disk (no snapshots, no append-only file). {@link #close()} stops it.
 *
 * {@snippet :
 * try (RedisServer redis = RedisServer.start();
 *         RedisBroker broker = RedisBroker.builder().uri(redis.uri()).build()) {
 *     // ...
 * }
 * }
 *
 * <p>A missing binary fails the start, with how to install it; it is never a reason to skip. Not thread-safe: one
 * test thread starts and stops it; any thread may use its {@link #uri()}.
 */
public final class RedisServer implements AutoCloseable {

    /** Where Debian's {@code redis-server} package puts the server. */
    public static final Path BINARY = Path.of("/usr/bin/redis-server");

    /** How long a start may take until the server answers: generous, for a loaded machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final Path dir;
    private Process process;

    private RedisServer(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts a server in a new temporary directory and waits until it answers {@code PING}.
     *
     * @return the running server
     * @throws IllegalStateException if {@link #BINARY} is missing, or the server did not start (its log is in the
     *     message)
     */
    public static RedisServer start() {
        try {
            return start(Files.createTempDirectory("jsctx-redis"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a server in {@code dir} (made if missing; its log goes to {@code redis.log} there) and waits until it
     * answers {@code PING}.
     *
     * @param dir the server's directory, such as one under {@code target/}
     * @return the running server
     * @throws IllegalStateException if {@link #BINARY} is missing, or the server did not start (its log is in the
     *     message)
     */
    public static RedisServer start(Path dir) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing (apt-get install redis-server)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.createDirectories(dir);
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RedisServer redis = new RedisServer(port, dir);
        redis.startAgain();
        return redis;
    }

    /** @return the address clients are given, such as {@code redis://127.0.0.1:6380} */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** @return the loopback port it listens on, the same after {@link #startAgain()} */
    public int port() {
        return port;
    }

    /**
     * Starts the server again after {@link #stop()}, on the same port, as after a restart of Redis; waits until it
     * answers {@code PING}.
     *
     * @throws IllegalStateException if it is running, or did not start (its log is in the message)
     */
    public void startAgain() {
        if (process != null) {
            throw new IllegalStateException("redis-server is running");
        }
        try {
            process = new ProcessBuilder(
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
                            dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("redis.log").toFile()))
                    .start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!answersPing()) {
                if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                    stop();
                    throw new IllegalStateException("redis-server did not answer within " + START_TIMEOUT
                            + "; its log:\n" + Files.readString(dir.resolve("redis.log")));
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while redis-server started", e);
        }
    }

    /** Stops the server (clients see their connections drop) and waits until it has exited; does nothing if stopped. */
    public void stop() {
        if (process == null) {
            return;
        }
        try {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    /** Stops the server, as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** One {@code PING} in Redis's protocol, which a server answers once it loaded and accepts commands. */
    private boolean answersPing() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }
}
