package dev.jsctx.liveview;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client on a plain socket, for what java.net.http will not send: frames with any opcode, fin bit
 * and payload (invalid UTF-8, oversized or fragmented control frames), any Host and Origin, and a peer that
 * stops reading. Not thread-safe.
 */
final class RawWebSocket implements AutoCloseable {

    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CLOSE = 8;
    static final int PING = 9;
    static final int PONG = 10;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** The HTTP status line and headers of the upgrade answer. */
    final String handshake;

    /** A received frame. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        String closeReason() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private RawWebSocket(Socket socket, String handshake) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.handshake = handshake;
    }

    /** Connect and upgrade with Host {@code localhost:port} and Origin {@code http://localhost:port}. */
    static RawWebSocket connect(int port) throws IOException {
        return connect(port, "localhost:" + port, "http://localhost:" + port, 0, null);
    }

    /** Connect as a page's own socket: with the page's session cookie. */
    static RawWebSocket connect(int port, TestPage page) throws IOException {
        return connect(port, "localhost:" + port, "http://localhost:" + port, 0, page.cookie());
    }

    static RawWebSocket connect(int port, String host, String origin, int receiveBuffer) throws IOException {
        return connect(port, host, origin, receiveBuffer, null);
    }

    /**
     * Connect and send the upgrade request; the answer's head is in {@link #handshake}.
     *
     * @param receiveBuffer the socket's receive buffer in bytes, or 0 for the default
     * @param cookie        the session cookie's value to send, or {@code null}
     */
    static RawWebSocket connect(int port, String host, String origin, int receiveBuffer, String cookie)
            throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("localhost", port), 5000);
        socket.setSoTimeout(10_000);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        String request = "GET " + LiveProtocol.WS_PATH + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + (cookie == null ? "" : "Cookie: " + LiveProtocol.COOKIE_SESSION + "=" + cookie + "\r\n") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return new RawWebSocket(socket, head.toString(StandardCharsets.US_ASCII));
    }

    boolean upgraded() {
        return handshake.startsWith("HTTP/1.1 101");
    }

    void sendText(String text) throws IOException {
        send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Send one masked frame, as a client must. */
    void send(int opcode, boolean fin, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (((long) payload.length) >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The next frame from the server, or {@code null} if the server closed the connection. */
    Frame read() throws IOException {
        try {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new Frame(first & 0x0f, payload);
        } catch (EOFException e) {
            return null;
        } catch (java.net.SocketException e) {
            // reset by the server: closed as well
            return null;
        }
    }

    /** Frames until the close frame (returned) or the end of the connection ({@code null}). */
    Frame readUntilClose() throws IOException {
        for (Frame frame = read(); frame != null; frame = read()) {
            if (frame.opcode() == CLOSE) {
                return frame;
            }
        }
        return null;
    }

    /**
     * True if the server ends the connection within the socket's read time-out, reading whatever arrives
     * before; false if it is still open then.
     */
    boolean closedByServer(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            while (read() != null) {
                // skip what the server still sends
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
