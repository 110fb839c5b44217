package io.transports.connections;

import java.io.IOException;

/**
 * Tells a dropped client from a server error. A peer that vanishes without a closing handshake shows
 * up as an I/O failure (a closed channel, an end of stream, a reset), often wrapped by the container or
 * a completion stage; such a connection is recorded as an abnormal close (1006, "the peer went away"),
 * which is what an operator should read, not as a server error (1011).
 */
final class PeerGone {
    /** The close code for a client that dropped without a closing handshake. */
    static final int ABNORMAL = 1006;

    private PeerGone() {}

    /** Whether this failure (or anything it wraps) is an I/O failure: the peer went away. */
    static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) return true;
        }
        return false;
    }

    /** The reason recorded for such a close, naming what the container saw. */
    static String reason(Throwable failure) {
        return "the peer went away (" + failure.getClass().getSimpleName() + ")";
    }
}
