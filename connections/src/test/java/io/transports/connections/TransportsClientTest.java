package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.codec.CodecException;
import io.transports.connections.support.Await;
import io.transports.connections.support.Fixture;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The client's own contract: failures to connect say so, one connection at a time, status and close. */
class TransportsClientTest {
    @Test void connectingToAPortNobodyListensOnFailsWithAnIOExceptionAndTheClientCanTryAgain() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Fixture f = Fixture.start(); TransportsClient client = new TransportsClient("json")) {
            IOException e = assertThrows(IOException.class, () -> client.connect("ws://127.0.0.1:" + port + "/transports"));
            assertTrue(e.getMessage().startsWith("cannot connect"), e.getMessage());
            client.connect(f.server.wsUrl());
            Await.until("the snapshot after the retry", () -> f.converged(client));
            assertEquals(TransportsClient.Status.OPEN, client.status());
            assertThrows(IllegalStateException.class, () -> client.connect(f.server.wsUrl()), "one connection per client");
        }
    }

    @Test void anUnknownCodecFailsBeforeAnythingIsSent() {
        assertThrows(CodecException.class, () -> new TransportsClient("yaml"));
    }

    @Test void closeEndsTheConnectionForGoodAndTheServerForgetsIt() throws Exception {
        try (Fixture f = Fixture.start()) {
            TransportsClient client = f.client("cbor");
            client.run(f.server.wsUrl());
            Await.until("open", () -> f.converged(client) && f.fanout.connectionCount() == 1);
            client.close();
            assertEquals(TransportsClient.Status.CLOSED, client.status());
            Await.until("the fanout to forget the connection", () -> f.fanout.connectionCount() == 0);
            f.board.tick = 77;
            f.fanout.sync();
            assertEquals(1, client.openCount(), "a closed client does not reconnect");
            assertThrows(IllegalStateException.class, () -> client.run(f.server.wsUrl()));
        }
    }
}
