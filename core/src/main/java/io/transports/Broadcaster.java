package io.transports;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What every adapter serves — the WebSocket endpoint and SSE servlet (connections), the notebook
 * widget and comm (kernel-extension) — so each serves a {@link Server} (one session) or a {@link Hub}
 * (tenants and shared models) unchanged. Like the reference's Broadcaster, but typed: connections are
 * {@link Connection} objects that carry their codec, permissions and identity, and every answer is the
 * frames to send per connection. No method does I/O; implementations are thread-safe.
 */
public interface Broadcaster extends AutoCloseable {
    /**
     * Open (or re-open) a connection and return its opening frames: a snapshot of each model it may see,
     * or, with {@code since} (model id to the last revision it holds), the patches after that revision
     * where a log still has them.
     */
    List<Frame> connect(Connection conn, Map<Long, Long> since);

    default List<Frame> connect(Connection conn) { return connect(conn, null); }

    /** One inbound frame (a proposal, an awareness update); never throws for bad input. */
    Map<Connection, List<Frame>> receive(Connection conn, Frame frame);

    /** Flush host changes and return the patches for every connection that should get them. */
    Map<Connection, List<Frame>> sync();

    /** Forget a connection; returns what the others must hear of it (a hub's awareness removals). */
    Map<Connection, List<Frame>> disconnect(Connection conn);

    /** Where flush problems go (a model whose state cannot travel); by default standard error. */
    void onError(Consumer<RuntimeException> handler);

    /** The open connections. */
    java.util.Set<Connection> connections();

    /** Stop: every connection is forgotten and host changes are no longer heard. */
    @Override void close();
}
