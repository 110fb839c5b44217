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
import org.junit.jupiter.api.Test;

/**
 * A claim the host gave up on while Redis was down must never land later. The host's flush while
 * redis-server is killed times out (nothing emitted); Lettuce keeps the command and would send it once
 * Redis is back, where it took the revision with the host's stale value, and the host's next claim lost
 * to it and adopted it over its newer change (RedisRestartTest once ended at 204 instead of 205). The
 * test waits until the host's own connection is back (its next command goes after anything Lettuce kept),
 * then checks the log does not hold the abandoned claim and the host's newer change is the one logged.
 */
class RedisLateClaimTest {
    @Test
    void aClaimGivenUpOnWhileRedisIsDownNeverLandsLater() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             Node host = new Node(Backplanes.open(redis.url() + "?timeout=1s"), Node.fast());
             Backplane check = Backplanes.open(redis.url())) {
            host.tally.count = 1;
            host.session.flush();
            long before = host.session.rev(1);
            assertEquals(before, check.lastRev("tally"));

            redis.kill();
            host.tally.count = 2; // this claim is given up on
            assertThrows(UnsyncableException.class, () -> host.session.flush());
            assertEquals(before, host.session.rev(1), "nothing emitted while Redis is down");
            redis.restart(true);

            // the host's own command connection is back once a command on it answers; Lettuce sends what it kept first
            Await.until("the host's connection to Redis is back", Duration.ofSeconds(30), () -> {
                host.replication.backplane().lastRev("tally");
                return true;
            });
            List<Patch> landed = check.read("tally", before);
            for (String line : host.log) System.out.println("  log: " + line);
            assertTrue(landed.isEmpty(), "the abandoned claim landed after Redis came back: " + landed);

            host.tally.count = 3; // the newer change: it must be the one logged and kept
            host.session.flush();
            assertEquals(3, host.tally.count, "the host's newer change survives");
            List<Patch> logged = check.read("tally", before);
            assertEquals(1, logged.size(), "one revision after the restart: " + logged);
            assertEquals(host.applied.get(before + 1), logged.get(0), "the host emitted what the log holds");
        }
    }
}
