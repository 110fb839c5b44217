package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.connections.support.Await;
import io.transports.connections.support.Fixture;
import io.transports.patch.Op;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proposals racing host writes to another field lose none of them (issue 9, severe 3): a host thread
 * increments the board's {@code tick} about 1,000 times a second while a client on a real WebSocket
 * proposes new titles, about 100 a second (and, in the flood variant, as fast as it can send). Before
 * the fix an accepted proposal wrote every field back, so increments made since the last flush were
 * undone. Prints the counts; {@code -Dtransports.full=true} races for 10 s instead of 3 s (flood 2 s).
 */
class ProposalRacesHostWritesTest {
    static final boolean FULL = Boolean.getBoolean("transports.full");

    private Fixture f;

    @BeforeEach void start() throws Exception { f = Fixture.start(); }

    @AfterEach void stop() throws Exception { f.close(); }

    @Test void proposalsAt100PerSecondLoseNoHostIncrement() throws Exception {
        race("100 proposals/s", FULL ? 10_000 : 3_000, 10_000_000L);
    }

    @Test void aFloodOfProposalsLosesNoHostIncrement() throws Exception {
        race("a flood of proposals", FULL ? 10_000 : 2_000, 100_000L);
    }

    /** Race for {@code millis}, the client proposing every {@code proposalPauseNanos}. */
    private void race(String what, long millis, long proposalPauseNanos) throws Exception {
        TransportsClient client = f.client("json");
        client.connect(f.server.wsUrl());
        Await.until("the client's snapshot", () -> f.converged(client));
        AtomicLong accepted = new AtomicLong();
        f.session.onPatch((id, p) -> {
            for (Op op : p.ops()) if (op.path().equals(Path.parse("title"))) accepted.incrementAndGet();
        });

        AtomicBoolean stop = new AtomicBoolean();
        long[] increments = {0};
        Thread host = new Thread(() -> {
            while (!stop.get()) {
                f.board.tick++; // a plain read-modify-write of the hosted object, as host code does
                increments[0]++;
                LockSupport.parkNanos(1_000_000);
            }
        }, "host-writer");
        long sent = 0;
        host.start();
        long end = System.nanoTime() + millis * 1_000_000;
        try {
            for (int i = 0; System.nanoTime() < end; i++) {
                // only the field the user edits, as a view sends it (a whole-value proposal diffed against a
                // mirror that an echo just moved on would carry that mirror's older tick: a real, other, edit)
                if (client.proposeOps(f.id, List.of(new Op.Set(Path.parse("title"), Value.of("note " + i))))) sent++;
                LockSupport.parkNanos(proposalPauseNanos);
            }
        } finally {
            stop.set(true);
            host.join();
        }
        long lost = increments[0] - f.board.tick;
        System.out.printf("proposals racing host writes (%s, %d ms): %d host increments, %d proposals sent, %d accepted, %d increments lost%n",
                what, millis, increments[0], sent, accepted.get(), lost);
        assertEquals(0, lost, "host increments undone by proposals");
        assertTrue(accepted.get() > 0, "some proposals were accepted during the race");
        Await.untilValue("the client to mirror every increment", Duration.ofSeconds(20), () -> f.converged(client),
                () -> ((MapValue) client.value(f.id)).get("tick") + " on the client, " + f.board.tick + " on the host");
        assertEquals(Value.of(increments[0]), ((MapValue) client.value(f.id)).get("tick"));
    }
}
