package io.transports.connections;

import io.transports.Frame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A {@link Channel} over a Jakarta WebSocket session: text frames for JSON, binary frames otherwise, each
 * sent with the non-blocking async remote. Close reasons are cut to the 123 bytes a close frame allows.
 */
final class WebSocketChannel implements Channel {
    private final Session session;

    WebSocketChannel(Session session) { this.session = session; }

    @Override public void send(Frame frame, Consumer<Throwable> done) {
        SendHandler handler = result -> done.accept(result.isOK() ? null : result.getException());
        if (frame.isText()) {
            session.getAsyncRemote().sendText(frame.text(), handler);
        } else {
            session.getAsyncRemote().sendBinary(ByteBuffer.wrap(frame.rawBytes()), handler);
        }
    }

    @Override public void close(int code, String reason) {
        if (!session.isOpen()) return;
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), fit(reason)));
        } catch (IOException | IllegalStateException ignored) {
            // the peer is gone already
        }
    }

    /** The longest prefix of {@code reason} that fits a close frame (123 bytes of UTF-8). */
    static String fit(String reason) {
        if (reason == null) return "";
        if (reason.getBytes(StandardCharsets.UTF_8).length <= 123) return reason;
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < reason.length(); ) {
            int cp = reason.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > 120) break;
            sb.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return sb.append("...").toString();
    }
}
