package io.transports.connections;

import io.transports.Frame;
import java.util.function.Consumer;

/**
 * One open connection as the {@link Outbound} queue sees it: something that sends one frame at a time
 * without blocking the caller and says when it is done, and that can be closed with a reason. The
 * WebSocket and SSE adapters implement it.
 */
interface Channel {
    /** The keep-alive marker an SSE channel writes as a comment line (other channels never get it). */
    Frame KEEP_ALIVE = Frame.ofText(":keep-alive");

    /**
     * Start sending one frame; call {@code done} exactly once, with null on success or the failure.
     * Never blocks on the network.
     */
    void send(Frame frame, Consumer<Throwable> done);

    /** Close with a WebSocket close code and reason (SSE writes the reason as a comment, then ends). */
    void close(int code, String reason);

    /** A frame to send before the opening snapshots (SSE: the reconnect delay, committing the headers), or null. */
    default Frame preamble() { return null; }

    /** Whether idle periods need {@link #KEEP_ALIVE} frames (SSE: proxies and dead readers). */
    default boolean wantsKeepAlive() { return false; }
}
