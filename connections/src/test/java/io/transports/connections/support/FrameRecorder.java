package io.transports.connections.support;

import io.transports.Frame;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real WebSocket client (the JDK's) that keeps every frame exactly as it arrived, so a test can count
 * frames and look inside them (batch frames, say) instead of seeing only a mirror's result.
 */
public final class FrameRecorder implements WebSocket.Listener, AutoCloseable {
    public final List<Frame> frames = new CopyOnWriteArrayList<>();
    public volatile Integer closeCode;
    public volatile String closeReason;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private WebSocket socket;

    public static FrameRecorder open(String url) throws Exception {
        FrameRecorder r = new FrameRecorder();
        r.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), r).get();
        return r;
    }

    @Override public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            frames.add(Frame.ofText(text.toString()));
            text.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        bytes.writeBytes(b);
        if (last) {
            frames.add(Frame.wrapBytes(bytes.toByteArray()));
            bytes.reset();
        }
        ws.request(1);
        return null;
    }

    @Override public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
        closeReason = reason;
        closeCode = code;
        return null;
    }

    @Override public void close() {
        if (socket != null) socket.abort();
    }
}
