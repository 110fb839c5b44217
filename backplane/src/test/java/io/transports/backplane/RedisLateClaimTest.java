package io.transports.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.UnsyncableException;
import io.transports.backplane.support.Await;
import io.transports.backplane.support.Node;
import io.transports.backplane.support.RedisProcess;
import io.transports.patch.Patch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A claim the host gave up on must never land later. The host's claim reaches a Redis that is busy
 * (a script keeps it for 2.5 s: the same as a Redis coming back just as the command times out, which is
 * how RedisRestartTest once ended at 204 instead of 205); the host's flush times out after 1 s and
 * emits nothing, and the host then changes the same field again. Without a guard, Redis ran the
 * abandoned claim once it was free, the host's next claim lost to it and adopted it, and its newer
 * change was overwritten. The test waits until the abandoned command has been answered on the host's
 * own connection (its next command there goes after it), then checks the log never held the stale
 * value and the host's newer change is the one logged and kept.
 */
class RedisLateClaimTest {
    @Test
    void aClaimGivenUpOnNeverLandsLater() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             Node host = new Node(Backplanes.open(redis.url() + "?timeout=1s"), Node.fast());
             Backplane check = Backplanes.open(redis.url())) {
            host.tally.count = 1;
            host.session.flush();
            long before = host.session.rev(1);

            CompletableFuture<Void> busy = redis.stall(2_500);
            host.tally.count = 2; // the claim of this value is given up on
            UnsyncableException timedOut = assertThrows(UnsyncableException.class, () -> host.session.flush());
            System.out.println("flush while Redis is busy: " + timedOut.getMessage());
            assertEquals(before, host.session.rev(1), "nothing emitted while Redis is busy");
            host.tally.count = 3; // the newer change to the same field
            busy.get(30, TimeUnit.SECONDS);

            // the abandoned command went first on the host's connection: once a later one answers, Redis has run it
            Await.until("the host's connection answers again", Duration.ofSeconds(30), () -> {
                host.replication.backplane().lastRev("tally");
                return true;
            });
            Await.until("the host flushed its newer change", Duration.ofSeconds(30), () -> {
                host.session.flush();
                return check.lastRev("tally") > before;
            });
            List<Patch> logged = check.read("tally", before);
            for (String line : host.log) System.out.println("  log: " + line);
            System.out.println("logged after revision " + before + ": " + logged);
            assertTrue(logged.stream().noneMatch(p -> p.toString().contains("{\"Int\":2}")),
                    "the abandoned claim (count 2) landed after the host gave up on it: " + logged);
            assertEquals(3, host.tally.count, "the host's newer change survives");
            String value = host.session.value(1).toString();
            assertTrue(value.contains("\"count\":{\"Int\":3}"), "the host's model holds its newer change: " + value);
            for (Patch p : logged) assertEquals(p, host.applied.get(p.rev()), "the host applied what the log holds at " + p.rev());
        }
    }
}
