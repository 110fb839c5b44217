package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the client dropped" (1006) and which a server error (1011). */
class PeerGoneTest {
    @Test void anIoFailureEvenWrappedIsADroppedPeer() {
        assertTrue(PeerGone.is(new ClosedChannelException()));
        assertTrue(PeerGone.is(new CompletionException(new RuntimeException("container", new EOFException()))));
        assertTrue(PeerGone.reason(new ClosedChannelException()).contains("ClosedChannelException"));
    }

    @Test void anythingElseIsNot() {
        assertFalse(PeerGone.is(new IllegalStateException("encoder broke")));
        assertFalse(PeerGone.is(new CompletionException(new ArithmeticException())));
        assertFalse(PeerGone.is(null));
    }
}
