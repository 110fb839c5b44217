package io.transports.connections.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebSocket server on a loopback port that completes the opening handshake and then says nothing
 * more, ever: no frame, no pong, no close, and the socket stays open. It stands for a server whose
 * host vanished (power cut, partition) or whose end of stream never reached the client: the only
 * way a client can notice is its own idle timeout.
 */
public final class SilentServer implements AutoCloseable {
    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"; // RFC 6455, section 1.3
    private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$");

    private final ServerSocket listener;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public SilentServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptAll, "silent-websocket-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() { return "ws://127.0.0.1:" + listener.getLocalPort() + "/transports"; }

    /** Connections that completed the handshake (and have heard nothing since). */
    public int handshakes() { return held.size(); }

    private void acceptAll() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                if (handshake(s)) held.add(s);
                else s.close();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static boolean handshake(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) return false;
            request.write(b);
        }
        Matcher key = KEY.matcher(request.toString(StandardCharsets.ISO_8859_1));
        if (!key.find()) return false;
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key.group(1) + WEBSOCKET_GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return true;
    }

    @Override public void close() throws IOException {
        listener.close();
        for (Socket s : held) s.close();
    }
}
