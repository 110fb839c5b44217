package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Proposal;
import io.transports.ProposalAbandonedException;
import io.transports.ProposalRejectedException;
import io.transports.connections.support.Await;
import io.transports.connections.support.Fixture;
import io.transports.patch.Op;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A TransportsClient's proposals over real loopback WebSockets, in each codec: each one's future
 * completes with the revision its echo (or, when it changed nothing, its ack) carried, fails with the
 * server's reason when refused, and fails as abandoned when the connection goes away first.
 */
class ProposalOutcomeTest {
    private Fixture f;

    @BeforeEach void start() throws Exception { f = Fixture.start(); }

    @AfterEach void stop() throws Exception { f.close(); }

    private TransportsClient connected(String codec) throws Exception {
        TransportsClient c = f.client(codec);
        c.connect(f.server.wsUrl());
        Await.until("the snapshot", () -> f.converged(c));
        return c;
    }

    @ParameterizedTest @ValueSource(strings = {"json", "msgpack", "cbor"})
    void anAcceptedProposalCompletesWithItsRevision(String codec) throws Exception {
        TransportsClient c = connected(codec);
        long before = c.mirror().rev(f.id);
        Proposal p = c.submit(f.id, ((MapValue) c.value(f.id)).with("title", Value.of("by " + codec)));
        long rev = p.accepted().get(10, TimeUnit.SECONDS);
        assertTrue(rev > before, "accepted at " + rev + " after " + before);
        Await.until("the echo on the mirror", () -> c.mirror().rev(f.id) >= rev);
        assertEquals(Value.of("by " + codec), ((MapValue) c.value(f.id)).get("title"));
        assertEquals("by " + codec, f.board.title);
        assertTrue(c.mirror().pendingProposals().isEmpty());
    }

    @ParameterizedTest @ValueSource(strings = {"json", "msgpack"})
    void aProposalThatChangesNothingIsAckedAtTheCurrentRevision(String codec) throws Exception {
        TransportsClient c = connected(codec);
        Proposal p = c.submitOps(f.id, List.of(new Op.Set(Path.of(new Path.Key("title")), Value.of(f.board.title))));
        long rev = p.accepted().get(10, TimeUnit.SECONDS);
        assertEquals(c.mirror().rev(f.id), rev);
    }

    @ParameterizedTest @ValueSource(strings = {"json", "cbor"})
    void aRefusedProposalFailsWithTheServersReason(String codec) throws Exception {
        TransportsClient c = connected(codec);
        Proposal p = c.submit(f.id, ((MapValue) c.value(f.id)).with("tick", Value.of("not a number")));
        ExecutionException e = assertThrows(ExecutionException.class, () -> p.accepted().get(10, TimeUnit.SECONDS));
        ProposalRejectedException r = assertInstanceOf(ProposalRejectedException.class, e.getCause());
        assertTrue(r.reason().contains("tick"), r.reason());
        assertEquals(p.id(), r.reject().proposal());
    }

    @ParameterizedTest @ValueSource(strings = {"json", "msgpack"})
    void proposalsPendingWhenTheConnectionDropsAreAbandoned(String codec) throws Exception {
        TransportsClient c = connected(codec);
        Proposal unsent = c.mirror().proposeOps(f.id, List.of(), "made-but-not-sent");
        Proposal answered = c.submit(f.id, ((MapValue) c.value(f.id)).with("title", Value.of("kept")));
        answered.accepted().get(10, TimeUnit.SECONDS);
        c.dropConnection();
        ExecutionException e = assertThrows(ExecutionException.class, () -> unsent.accepted().get(10, TimeUnit.SECONDS));
        assertInstanceOf(ProposalAbandonedException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("connection closed"), e.getCause().getMessage());
        assertFalse(answered.accepted().isCompletedExceptionally(), "an answered proposal stays answered");
        assertTrue(c.mirror().pendingProposals().isEmpty());
    }

    @ParameterizedTest @ValueSource(strings = {"json"})
    void aProposalThatCannotBeSentIsAbandonedAtOnce(String codec) throws Exception {
        TransportsClient c = connected(codec);
        c.close();
        assertFalse(c.proposeOps(f.id, List.of()), "not sent");
        Proposal p = c.submitOps(f.id, List.of());
        ExecutionException e = assertThrows(ExecutionException.class, () -> p.accepted().get(1, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("not connected"), e.getCause().getMessage());
        TransportsClient sse = f.client(codec);
        sse.connectSse(f.server.sseUrl());
        Await.until("the snapshot over SSE", () -> f.converged(sse));
        assertFalse(sse.send(sse.mirror().editOps(f.id, List.of())), "SSE is receive-only");
    }

    @ParameterizedTest @ValueSource(strings = {"json", "msgpack"})
    void rawFramesGoOutAsTheyAre(String codec) throws Exception {
        TransportsClient c = connected(codec);
        Proposal mine = c.mirror().proposeOps(f.id, List.of(new Op.Set(Path.of(new Path.Key("title")), Value.of("raw"))), "caller-7");
        assertTrue(c.send(mine.frame()));
        assertTrue(mine.accepted().get(10, TimeUnit.SECONDS) > 0);
        Await.until("the host object to change", () -> f.board.title.equals("raw"));
    }
}
