package io.transports.connections;

import io.transports.Frame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * The WebSocket endpoint, on the standard Jakarta WebSocket API (a programmatic {@link Endpoint}, so it
 * deploys in any container: Jetty, Tomcat, Undertow, Tyrus). Query parameters: {@code codec} (json,
 * msgpack, cbor or their content types; JSON when absent) and {@code since} (the resume point, a
 * URL-encoded JSON object such as {@code {"1":12}}). JSON travels in text frames, the others in binary
 * frames. A bad parameter, an unknown codec or a denied connection is closed at once with code 1008 and
 * a reason; a frame over {@link Limits#maxInboundBytes()} is closed by the container with 1009.
 *
 * <pre>{@code
 * ServerContainer container = ...;   // from your container
 * container.addEndpoint(WebSocketEndpoint.config(fanout, "/transports"));
 * }</pre>
 */
public final class WebSocketEndpoint extends Endpoint {
    /** The user-properties key under which the handshake is kept between handshake and open. */
    static final String HANDSHAKE_KEY = "io.transports.connections.handshake";

    private final Fanout fanout;
    private volatile Outbound outbound;

    WebSocketEndpoint(Fanout fanout) { this.fanout = fanout; }

    /** The endpoint's deployment: one endpoint instance per connection, all sharing {@code fanout}. */
    public static ServerEndpointConfig config(Fanout fanout, String path) {
        return ServerEndpointConfig.Builder.create(WebSocketEndpoint.class, path)
                .configurator(new Configurator(fanout))
                .build();
    }

    @Override public void onOpen(Session session, EndpointConfig config) {
        Limits limits = fanout.limits();
        session.setMaxTextMessageBufferSize(limits.maxInboundBytes());
        session.setMaxBinaryMessageBufferSize(limits.maxInboundBytes());
        session.setMaxIdleTimeout(0); // quiet models are normal; dead peers are found when sends back up
        WebSocketChannel channel = new WebSocketChannel(session);
        Map<String, List<String>> query = session.getRequestParameterMap();
        Handshake handshake = handshake(session, config, query);
        try {
            Map<Long, Long> since = SinceParam.parse(first(query, "since"));
            BatchParam.parse(first(query, "batch")); // a bad value is refused here; the connection reads it from its handshake
            Outbound o = fanout.open(channel, handshake, first(query, "codec"), since);
            outbound = o;
            session.addMessageHandler(String.class, text -> fanout.receive(o, Frame.ofText(text)));
            session.addMessageHandler(ByteBuffer.class, bytes -> fanout.receive(o, Frame.wrapBytes(copy(bytes))));
        } catch (IllegalArgumentException e) {
            channel.close(Refusal.POLICY, e.getMessage());
        } catch (Refusal r) {
            channel.close(r.code, r.getMessage());
        } catch (RuntimeException e) { // a model that cannot be snapshotted, say: this connection only
            System.err.println("transports: cannot open " + handshake.path() + ": " + e);
            channel.close(Refusal.SERVER_ERROR, "server error: " + e.getMessage());
        }
    }

    @Override public void onClose(Session session, CloseReason reason) {
        Outbound o = outbound;
        if (o != null) fanout.closed(o, reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    @Override public void onError(Session session, Throwable error) {
        // the container closes the session after this (and onClose forgets the connection). A client that
        // dropped abruptly surfaces here as an I/O error (a closed channel): record it as the abnormal close
        // it is, so the log shows a dropped client rather than a server error
        Outbound o = outbound;
        if (o == null) return;
        if (PeerGone.is(error)) fanout.closed(o, PeerGone.ABNORMAL, PeerGone.reason(error));
        else fanout.closed(o, 1011, "error: " + error);
    }

    private static Handshake handshake(Session session, EndpointConfig config, Map<String, List<String>> query) {
        Object captured = session.getUserProperties().get(HANDSHAKE_KEY);
        if (captured instanceof Handshake h) return h;
        // a container that does not copy user properties into the session: no headers, but the rest
        return new Handshake("websocket", session.getRequestURI().getPath(), query, Map.of(), session.getUserPrincipal());
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static byte[] copy(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /** Creates one endpoint per connection and captures the handshake for the access hook. */
    static final class Configurator extends ServerEndpointConfig.Configurator {
        private final Fanout fanout;

        Configurator(Fanout fanout) { this.fanout = fanout; }

        @Override public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(new WebSocketEndpoint(fanout));
        }

        @Override public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            String path = request.getRequestURI() == null ? "" : request.getRequestURI().getPath();
            sec.getUserProperties().put(HANDSHAKE_KEY, new Handshake(
                    "websocket", path, request.getParameterMap(), request.getHeaders(), request.getUserPrincipal()));
        }
    }
}
