package io.transports.connections;

import io.transports.Frame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Link} over the JDK's {@code java.net.http} WebSocket. Fragments are joined into whole
 * messages; the next message is requested only after the previous one was handled, so a client that
 * falls behind reads no further (and the server's bounded queue decides). Sends are chained, as the
 * JDK allows one outstanding send at a time.
 *
 * <p>An {@link IdleWatch} pings a server it has not heard from for half the idle timeout and drops the
 * connection ({@link Link.ServerSilent}) after the whole of it: the JDK answers the server's pings by
 * itself, but does not always report a peer that went away (see {@link IdleWatch}).
 */
final class WebSocketLink implements Link, WebSocket.Listener {
    private final Events events;
    private final AtomicBoolean over = new AtomicBoolean();
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer binary = ByteBuffer.allocate(0);
    private volatile WebSocket socket;
    private final Duration idleTimeout;
    private volatile IdleWatch watch;
    private volatile int pongs;         // pongs heard (the listener is called one message at a time)
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private WebSocketLink(Events events, Duration idleTimeout) {
        this.events = events;
        this.idleTimeout = idleTimeout;
    }

    /** Start connecting; the returned future completes when the socket is open (or fails). */
    static CompletableFuture<WebSocketLink> open(
            HttpClient http, String url, java.util.Map<String, String> headers, Duration timeout, Duration idleTimeout, Events events) {
        WebSocketLink link = new WebSocketLink(events, idleTimeout);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
        headers.forEach(builder::header);
        return builder
                .buildAsync(URI.create(url), link)
                .handle((ws, error) -> {
                    if (error != null) {
                        link.fail(error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error);
                        throw new java.util.concurrent.CompletionException(error);
                    }
                    return link;
                });
    }

    @Override public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        watch = new IdleWatch(idleTimeout, new IdleWatch.Target() {
            @Override public void ping() {
                try {
                    if (!over.get() && !webSocket.isOutputClosed()) webSocket.sendPing(ByteBuffer.allocate(0));
                } catch (IllegalStateException e) {
                    // a ping or pong still going out: the next check sends none either, the timeout decides
                }
            }

            @Override public void dead(long silentMillis) {
                webSocket.abort();
                fail(new ServerSilent(silentMillis));
            }
        });
        events.opened(this);
        if (over.get()) watch.stop(); // closed while opening
        webSocket.request(1);
    }

    @Override public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        watch.enter();
        try {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                deliver(Frame.ofText(message));
            }
        } finally {
            watch.exit();
        }
        webSocket.request(1);
        return null;
    }

    @Override public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        watch.enter();
        try {
            if (binary.remaining() < data.remaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(binary.capacity() * 2, binary.position() + data.remaining()));
                binary.flip();
                bigger.put(binary);
                binary = bigger;
            }
            binary.put(data);
            if (last) {
                byte[] message = new byte[binary.position()];
                binary.flip();
                binary.get(message);
                binary.clear();
                deliver(Frame.wrapBytes(message));
            }
        } finally {
            watch.exit();
        }
        webSocket.request(1);
        return null;
    }

    /** The JDK answers a ping by itself; hearing one (or a pong to ours) shows the server is alive. */
    @Override public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        watch.heard();
        webSocket.request(1);
        return null;
    }

    @Override public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        pongs++;
        watch.heard();
        webSocket.request(1);
        return null;
    }

    @Override public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        stopWatch();
        if (over.compareAndSet(false, true)) events.ended(this, statusCode, reason);
        return null;
    }

    @Override public void onError(WebSocket webSocket, Throwable error) { fail(error); }

    private void deliver(Frame frame) {
        if (!over.get()) events.frame(this, frame);
    }

    /** Pongs heard on this connection (tests: the pings went out and were answered). */
    int pongs() { return pongs; }

    private void stopWatch() {
        IdleWatch w = watch;
        if (w != null) w.stop();
    }

    private void fail(Throwable error) {
        stopWatch();
        if (over.compareAndSet(false, true)) events.failed(this, error);
    }

    @Override public boolean send(Frame frame) {
        WebSocket ws = socket;
        if (ws == null || over.get() || ws.isOutputClosed()) return false;
        synchronized (this) {
            sending = sending.handle((ok, err) -> null).thenCompose(x -> frame.isText()
                    ? ws.sendText(frame.text(), true)
                    : ws.sendBinary(ByteBuffer.wrap(frame.rawBytes()), true));
            sending.exceptionally(err -> {
                fail(err);
                return null;
            });
        }
        return true;
    }

    @Override public void abort() {
        WebSocket ws = socket;
        if (ws != null) ws.abort();
        fail(new Aborted());
    }

    @Override public void close() {
        WebSocket ws = socket;
        over.set(true);
        stopWatch();
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, java.util.concurrent.TimeUnit.SECONDS)
                    .whenComplete((x, err) -> ws.abort());
        }
    }
}
