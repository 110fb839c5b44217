package io.transports.connections.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A bare WebSocket client on a plain TCP socket: it performs the opening handshake and then does
 * whatever a test needs, in particular nothing at all (a consumer that never reads, so the server's
 * writes back up). Its receive buffer is made small so the backlog reaches the server quickly.
 */
public final class RawWebSocket implements AutoCloseable {
    private final Socket socket;

    private RawWebSocket(Socket socket) { this.socket = socket; }

    /** Connect and complete the handshake for {@code pathAndQuery}; reads only the handshake response. */
    public static RawWebSocket open(int port, String pathAndQuery) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        String key = Base64.getEncoder().encodeToString("raw-websocket-key".getBytes(StandardCharsets.US_ASCII));
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readHead(s.getInputStream());
        if (!status.startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("handshake refused: " + status);
        }
        return new RawWebSocket(s);
    }

    /** Whether the server has closed its side (reads what is buffered to find out; only for a socket meant to be read). */
    public boolean isClosedByPeer() {
        try {
            socket.setSoTimeout(50);
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[65536];
            while (true) {
                int n = in.read(buf);
                if (n < 0) return true;
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            sb.append((char) c);
            if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) break;
        }
        int eol = sb.indexOf("\r\n");
        return eol < 0 ? sb.toString() : sb.substring(0, eol);
    }

    @Override public void close() throws IOException { socket.close(); }
}
