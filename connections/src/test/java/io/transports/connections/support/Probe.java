package io.transports.connections.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A plain JDK WebSocket for tests that must send what no well-behaved client sends (malformed or
 * oversize frames) and see exactly what comes back: every message, and the close code and reason.
 */
public final class Probe implements WebSocket.Listener, AutoCloseable {
    public final List<String> texts = new CopyOnWriteArrayList<>();
    public final List<byte[]> binaries = new CopyOnWriteArrayList<>();
    public volatile int closeCode = -1;
    public volatile String closeReason;
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream bin = new java.io.ByteArrayOutputStream();
    private WebSocket ws;

    public static Probe open(String url) throws Exception {
        Probe p = new Probe();
        p.ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), p)
                .get(10, TimeUnit.SECONDS);
        return p;
    }

    public void sendText(String s) throws Exception { ws.sendText(s, true).get(10, TimeUnit.SECONDS); }

    public void sendBinary(byte[] b) throws Exception { ws.sendBinary(ByteBuffer.wrap(b), true).get(10, TimeUnit.SECONDS); }

    public boolean closed() { return closeCode != -1; }

    @Override public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            texts.add(text.toString());
            text.setLength(0);
        }
        w.request(1);
        return null;
    }

    @Override public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        bin.writeBytes(chunk);
        if (last) {
            binaries.add(bin.toByteArray());
            bin.reset();
        }
        w.request(1);
        return null;
    }

    @Override public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
        closeReason = reason;
        closeCode = code;
        return null;
    }

    @Override public void onError(WebSocket w, Throwable error) {
        if (closeCode == -1) {
            closeReason = String.valueOf(error);
            closeCode = 1006;
        }
    }

    @Override public void close() { if (ws != null) ws.abort(); }
}
