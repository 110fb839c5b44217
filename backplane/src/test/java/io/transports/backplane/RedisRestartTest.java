package io.transports.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Client;
import io.transports.UnsyncableException;
import io.transports.backplane.support.Await;
import io.transports.backplane.support.Node;
import io.transports.backplane.support.RedisProcess;
import io.transports.backplane.support.Tally;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.Path;
import io.transports.value.Value;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redis restarted under three processes (a host and two web processes with mirrors), with its data
 * (append-only file, killed with SIGKILL) and without (an empty directory): a flush while it is away
 * fails with an error naming Redis and emits nothing; the processes reconnect, the
 * host's changes made while Redis was away are appended once it is back, nothing is applied twice, and
 * every mirror ends at the host's value.
 */
class RedisRestartTest {
    static final int WRITES = Boolean.getBoolean("transports.full") ? 1_000 : 100;

    @ParameterizedTest(name = "keep data: {0}")
    @ValueSource(booleans = {true, false})
    void processesReconnectAndConvergeAfterARedisRestart(boolean keepData) throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             Node host = new Node(Backplanes.open(redis.url() + "?timeout=1s"), Node.fast());
             Node web1 = new Node(Backplanes.open(redis.url()), Node.fast());
             Node web2 = new Node(Backplanes.open(redis.url()), Node.fast())) {
            Client m1 = web1.connect("m1", new Client(), null);
            Client m2 = web2.connect("m2", new Client(), null);
            for (int i = 0; i < WRITES; i++) {
                host.tally.count++;
                host.session.flush();
            }
            Await.until("both web processes at " + WRITES, Duration.ofSeconds(20),
                    () -> web1.session.rev(1) == host.session.rev(1) && web2.session.rev(1) == host.session.rev(1));

            redis.kill();
            host.tally.count += 5; // changed while Redis is away: appended once it is back
            UnsyncableException down = assertThrows(UnsyncableException.class, () -> host.session.flush());
            assertTrue(down.getMessage().contains("Redis at redis://127.0.0.1:" + redis.port() + "/0"), down.getMessage());
            System.out.println("flush while Redis is down: " + down.getMessage());
            assertEquals(WRITES, host.session.rev(1), "nothing emitted while Redis is down");
            redis.restart(keepData);
            for (int i = 0; i < WRITES; i++) {
                host.tally.count++;
                host.session.flush();
            }
            List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
            m1.onReject(r -> refusals.add(r.error()));
            web1.propose("m1", m1.editOps(1, List.of(new Op.Set(Path.ROOT.key("note"), Value.of("after restart")))));
            long expected = 2L * WRITES + 5;
            try {
                Await.until("every process and mirror at count " + expected, Duration.ofSeconds(30), () -> {
                    host.session.flush();
                    web1.pump();
                    web2.pump();
                    return host.tally.count == expected && "after restart".equals(host.tally.note)
                            && m1.model(1, Tally.class).count == expected && m2.model(1, Tally.class).count == expected
                            && "after restart".equals(m2.model(1, Tally.class).note);
                });
            } catch (AssertionError e) {
                for (Node n : List.of(host, web1, web2)) {
                    System.out.println("at rev " + n.session.rev(1) + ": " + n.session.value(1) + " log " + n.log);
                }
                System.out.println("mirrors " + m1.value(1) + " / " + m2.value(1) + "; refusals " + refusals);
                throw e;
            }
            assertEquals(host.session.value(1), m1.value(1));
            assertEquals(host.session.value(1), m2.value(1));
            assertEquals(host.session.value(1), web1.session.value(1));
            assertEquals(host.session.value(1), web2.session.value(1));
            for (Node n : List.of(host, web1, web2)) {
                assertTrue(n.log.stream().noneMatch(l -> l.contains("twice")), n.log.toString());
            }
            try (Backplane check = Backplanes.open(redis.url())) {
                List<Patch> logged = check.read("tally", 0);
                for (Patch p : logged) {
                    for (Node n : List.of(host, web1, web2)) {
                        Patch mine = n.applied.get(p.rev());
                        if (mine != null) assertEquals(p, mine, "revision " + p.rev() + " is the log's everywhere");
                    }
                }
                System.out.printf("redis restart (keep data %s): %d revisions logged after it, last %d%n",
                        keepData, logged.size(), check.lastRev("tally"));
            }
            for (Node n : List.of(host, web1, web2)) {
                for (String line : n.log) System.out.println("  log: " + line);
            }
        }
    }
}
