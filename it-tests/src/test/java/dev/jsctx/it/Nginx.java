package dev.jsctx.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's nginx in front of two app nodes, with the configuration users copy from docs/DEPLOY.md
 * ({@code docs/deploy/nginx-jsctx.conf}): the test only puts its own node addresses and port into that file and
 * wraps it in a main configuration that keeps every file in the test's directory. {@link #close()} stops it.
 */
final class Nginx implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nginx");

    /** What the shipped file says, and the test replaces: the two nodes and the address nginx listens on. */
    private static final String NODE_ONE = "server 127.0.0.1:4001 ";

    private static final String NODE_TWO = "server 127.0.0.1:4002 ";
    private static final String LISTEN = "listen 127.0.0.1:8080;";

    private final LocalProcess process;
    private final int port;

    private Nginx(LocalProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts nginx and waits until it accepts connections.
     *
     * @param dir     its directory: configuration, pid file, temporary files
     * @param port    where it listens on loopback
     * @param nodeOne the first node's port
     * @param nodeTwo the second node's port
     */
    static Nginx start(Path dir, int port, int nodeOne, int nodeTwo) throws Exception {
        ItEnvironment.requireProgram(BINARY, "apt-get install nginx");
        Files.createDirectories(dir);
        String shipped = Files.readString(Path.of(System.getProperty("jsctx.it.nginxConf")), StandardCharsets.UTF_8);
        String site = replaceOnce(shipped, NODE_ONE, "server 127.0.0.1:" + nodeOne + " ");
        site = replaceOnce(site, NODE_TWO, "server 127.0.0.1:" + nodeTwo + " ");
        site = replaceOnce(site, LISTEN, "listen 127.0.0.1:" + port + ";");
        Files.writeString(dir.resolve("jsctx.conf"), site, StandardCharsets.UTF_8);
        String main = """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log stderr notice;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/jsctx.conf;
                }
                """.formatted(dir.toAbsolutePath());
        if ("root".equals(System.getProperty("user.name"))) {
            main = "user root;\n" + main; // its workers would be nobody, who cannot use this directory
        }
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, main, StandardCharsets.UTF_8);
        LocalProcess process = LocalProcess.start(
                "nginx",
                List.of(BINARY.toString(), "-p", dir.toString(), "-e", "stderr", "-c", conf.toString()),
                Map.of(),
                dir);
        Nginx nginx = new Nginx(process, port);
        try {
            Poll.until("nginx accepting connections on " + port, Duration.ofSeconds(20), nginx::accepts, up -> up);
        } catch (Exception | AssertionError e) {
            process.close();
            throw e;
        }
        return nginx;
    }

    /** The origin a browser reaches the nodes through, e.g. {@code http://localhost:8080}. */
    String origin() {
        return "http://localhost:" + port;
    }

    private boolean accepts() {
        process.requireAlive();
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String replaceOnce(String text, String shipped, String replacement) {
        int at = text.indexOf(shipped);
        if (at < 0 || text.indexOf(shipped, at + 1) >= 0) {
            throw new IllegalStateException(
                    "docs/deploy/nginx-jsctx.conf no longer has \"" + shipped.trim() + "\" once: update Nginx.java");
        }
        return text.substring(0, at) + replacement + text.substring(at + shipped.length());
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
