package io.transports.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Proposal;
import io.transports.backplane.support.Await;
import io.transports.backplane.support.ChildJvm;
import io.transports.backplane.support.HubWebProcessMain;
import io.transports.backplane.support.RedisProcess;
import io.transports.backplane.support.WebProcessMain;
import io.transports.connections.TransportsClient;
import io.transports.merge.DeepLww;
import io.transports.merge.LwwMap;
import io.transports.merge.MergeStrategy;
import io.transports.patch.Apply;
import io.transports.patch.Op;
import io.transports.value.ListValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two web server JVMs, each serving a Hub over WebSocket with its shared models replicated through a
 * real redis-server (HubWebProcessMain: one shared model per merge strategy), and two WebSocket clients,
 * alice on one process and bob on the other, writing every model at once, each write awaited. For each
 * strategy: the model's stream holds revisions 1..n once each, each writer's accepted writes are its
 * entries in it once each, both clients end at the value the stream makes, and the LWW strategies give
 * the same value with the stream's writes in reverse order.
 */
class HubProcessesTest {
    static final int WRITES = Boolean.getBoolean("transports.full") ? 500 : 40;

    @Test void twoHubProcessesServeTheSameSharedModelsToTheirOwnClients() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             ChildJvm web1 = ChildJvm.start("hub1", HubWebProcessMain.class, redis.url());
             ChildJvm web2 = ChildJvm.start("hub2", HubWebProcessMain.class, redis.url());
             TransportsClient alice = new TransportsClient();
             TransportsClient bob = new TransportsClient();
             Backplane check = Backplanes.open(redis.url())) {
            String port1 = web1.await(l -> l.startsWith("PORT "), Duration.ofSeconds(90)).substring(5);
            String port2 = web2.await(l -> l.startsWith("PORT "), Duration.ofSeconds(90)).substring(5);
            alice.connect("ws://127.0.0.1:" + port1 + WebProcessMain.WS_PATH + "?tenant=alice");
            bob.connect("ws://127.0.0.1:" + port2 + WebProcessMain.WS_PATH + "?tenant=bob");
            Await.until("both clients have the four shared models", Duration.ofSeconds(30), () ->
                    alice.mirror().ids().size() == 4 && bob.mirror().ids().size() == 4);

            Map<String, int[]> accepted = new java.util.concurrent.ConcurrentHashMap<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> writers = new ArrayList<>();
            for (int s = 0; s < HubWebProcessMain.STRATEGIES.length; s++) {
                for (var who : List.of(Map.entry("alice", alice), Map.entry("bob", bob))) {
                    String strategy = HubWebProcessMain.STRATEGIES[s];
                    long id = HubWebProcessMain.ID_BASE + s;
                    int[] counts = new int[2]; // accepted, refused
                    accepted.put(strategy + "/" + who.getKey(), counts);
                    writers.add(new Thread(() -> {
                        try {
                            for (int i = 0; i < WRITES; i++) {
                                Proposal p = who.getValue().submitOps(id, HubReplicationTest.write(strategy, who.getKey(), i, who.getValue().mirror(), id));
                                try {
                                    p.accepted().get(30, TimeUnit.SECONDS);
                                    counts[0]++;
                                } catch (ExecutionException refused) {
                                    counts[1]++;
                                }
                            }
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    }, "writer-" + strategy + "-" + who.getKey()));
                }
            }
            for (Thread t : writers) t.start();
            for (Thread t : writers) t.join(TimeUnit.MINUTES.toMillis(3));
            assertTrue(failures.isEmpty(), failures.toString());

            for (int s = 0; s < HubWebProcessMain.STRATEGIES.length; s++) {
                String strategy = HubWebProcessMain.STRATEGIES[s];
                long id = HubWebProcessMain.ID_BASE + s;
                List<LogEntry> log = check.readEntries("hub-" + strategy, 0);
                for (int i = 0; i < log.size(); i++) assertEquals(i + 1, log.get(i).rev(), strategy + ": revision " + (i + 1) + " of the stream");
                Map<String, Integer> byOrigin = new HashMap<>();
                for (LogEntry e : log) byOrigin.merge(HubWire.shared(strategy, e).origin(), 1, Integer::sum);
                for (String who : List.of("alice", "bob")) {
                    assertEquals(accepted.get(strategy + "/" + who)[0], byOrigin.getOrDefault(who, 0),
                            strategy + ": " + who + "'s accepted writes are in the stream once each");
                }
                Value fromLog = strategy.equals("sequence") ? Value.list() : HubWebProcessMain.board();
                for (LogEntry e : log) fromLog = Apply.apply(fromLog, e.patch());
                Value expected = fromLog;
                Await.until(strategy + ": both clients at the stream's value", Duration.ofSeconds(30),
                        () -> expected.equals(alice.value(id)) && expected.equals(bob.value(id)));
                if (strategy.equals("lwwmap") || strategy.equals("deeplww")) {
                    MergeStrategy fresh = strategy.equals("lwwmap") ? new LwwMap() : new DeepLww();
                    Value reversed = HubWebProcessMain.board();
                    for (int i = log.size() - 1; i >= 0; i--) {
                        var w = HubWire.shared(strategy, log.get(i));
                        reversed = fresh.merge(reversed, w.write(), w.stamp());
                    }
                    assertEquals(expected, reversed, strategy + ": the same writes in reverse order");
                }
                if (strategy.equals("sequence")) {
                    assertEquals(accepted.get("sequence/alice")[0] + accepted.get("sequence/bob")[0], ((ListValue) expected).size(),
                            "every accepted insert kept once");
                }
                System.out.printf("two hub processes, %s: %d revisions; alice %d accepted / %d refused, bob %d / %d%n", strategy, log.size(),
                        accepted.get(strategy + "/alice")[0], accepted.get(strategy + "/alice")[1],
                        accepted.get(strategy + "/bob")[0], accepted.get(strategy + "/bob")[1]);
            }
        }
    }
}
