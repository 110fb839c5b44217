package io.transports.connections;

import io.transports.Frame;

/**
 * One live connection of a {@link TransportsClient} (a WebSocket or an SSE stream). It reports what
 * happens to it through {@link Events}; the client replaces it on reconnect and ignores events from
 * links it no longer holds.
 */
interface Link {
    /** Queue a frame to the server; false when this link cannot send (SSE, or closed). */
    boolean send(Frame frame);

    /** Drop the connection without a closing handshake (a test's cable pull, or a resync). */
    void abort();

    /** Close politely with code 1000. */
    void close();

    /** The failure a link reports when its own client dropped it on purpose (not worth an error report). */
    final class Aborted extends java.io.IOException {
        Aborted() { super("connection dropped by the client"); }
    }

    /**
     * The failure a link reports when it heard nothing from the server (no frame, no pong to its ping)
     * for the client's idle timeout: the server is taken for dead and the connection dropped.
     */
    final class ServerSilent extends java.io.IOException {
        ServerSilent(long silentMillis) {
            super("nothing heard from the server for " + silentMillis + " ms (no frame, no pong): taken for dead");
        }
    }

    /** What a link tells its client. Each link ends exactly once (ended or failed). */
    interface Events {
        void opened(Link link);

        void frame(Link link, Frame frame);

        /** The server closed the connection (WebSocket close code, or the HTTP status of a refused SSE request). */
        void ended(Link link, int code, String reason);

        /** The connection broke or could not be made. */
        void failed(Link link, Throwable error);
    }
}
