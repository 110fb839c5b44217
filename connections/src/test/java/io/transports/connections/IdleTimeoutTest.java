package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.connections.support.Await;
import io.transports.connections.support.Fixture;
import io.transports.connections.support.SilentServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The client's idle timeout ({@link TransportsClient#withIdleTimeout}) over real sockets: a server
 * that stops talking without closing is dropped and the client fails over; a quiet server that
 * answers pings is kept.
 */
class IdleTimeoutTest {
    @Test void aServerThatFallsSilentWithoutClosingIsDroppedAndTheClientFailsOverToTheNextUrl() throws Exception {
        try (Fixture f = Fixture.start(); SilentServer silent = new SilentServer()) {
            TransportsClient client = f.client("json").withIdleTimeout(Duration.ofMillis(600));
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            client.onError(errors::add);
            client.run(List.of(silent.url(), f.server.wsUrl()));
            Await.until("the client on the live server with the board", Duration.ofSeconds(20), () -> f.converged(client));
            assertEquals(1, silent.handshakes(), "it was open on the silent server first");
            assertEquals(f.server.wsUrl(), client.currentUrl());
            assertEquals(2, client.openCount());
            assertTrue(errors.stream().anyMatch(e -> e instanceof Link.ServerSilent), "the drop is reported: " + errors);
            f.board.tick = 5;
            f.fanout.sync();
            Await.until("a change after the failover arrives", () -> f.converged(client));
        }
    }

    @Test void aQuietServerThatAnswersPingsIsKept() throws Exception {
        try (Fixture f = Fixture.start()) {
            TransportsClient client = f.client("msgpack").withIdleTimeout(Duration.ofMillis(200));
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            client.onError(errors::add);
            client.run(f.server.wsUrl());
            Await.until("the snapshot", () -> f.converged(client));
            // nothing changes on the host: only the pings keep the connection alive, through many timeouts
            Await.until("ten pings answered", Duration.ofSeconds(20), () -> client.pongsOnCurrentConnection() >= 10);
            assertEquals(1, client.openCount(), "never dropped: " + errors);
            assertEquals(TransportsClient.Status.OPEN, client.status());
            assertEquals(List.of(), errors);
        }
    }
}
