package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Session;
import io.transports.connections.support.Await;
import io.transports.connections.support.EmbeddedServer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The resume storm (issue 9): 20 real Java clients on a real WebSocket server, their connections
 * killed at random while the host makes updates of every shape (map keys added and removed, list
 * inserts, removals, moves and reorders, nested rows). Clients come back with {@code since}: some
 * get the missed patches replayed, some (away past the short log) a snapshot. At the end every
 * client must hold the host's value at the host's revision, no patch may have failed to apply on
 * the way (no resync), and no dropped client may be recorded as a server error.
 *
 * <p>1,500 updates by default; {@code -Dtransports.full=true} runs 10,000. The seed is printed, and
 * {@code -Dtransports.seed=N} replays one.
 */
class ResumeStormTest {
    private static final boolean FULL = Boolean.getBoolean("transports.full");
    private static final int UPDATES = FULL ? 10_000 : 1_500;
    private static final int CLIENTS = 20;
    private static final String[] CODECS = {"json", "msgpack", "cbor"};

    /** The hosted model: a map, a list and nested rows, so every op kind travels. */
    public static class Shapes {
        public Map<String, Integer> counts = new LinkedHashMap<>();
        public List<Integer> items = new ArrayList<>();
        public List<Row> rows = new ArrayList<>();
        public String note = "";
    }

    public static class Row {
        public String name = "";
        public List<String> tags = new ArrayList<>();
        public Map<String, Long> attrs = new LinkedHashMap<>();
    }

    @Test void everyClientConvergesAfterItsConnectionsWereKilledAtRandom() throws Exception {
        long seed = Long.getLong("transports.seed", System.nanoTime());
        Random random = new Random(seed);
        Session session = new Session(64); // short log: clients away long enough resume with a snapshot
        Shapes shapes = new Shapes();
        long id = session.host(shapes);
        Fanout fanout = new Fanout(session);
        Map<Integer, AtomicInteger> closeCodes = new TreeMap<>();
        List<String> serverLog = Collections.synchronizedList(new ArrayList<>());
        fanout.setLog(serverLog::add);
        fanout.onDisconnect(d -> { closeCodes.computeIfAbsent(d.code(), k -> new AtomicInteger()).incrementAndGet(); if (d.code() == 1011) serverLog.add(d.reason()); });
        HttpClient http = HttpClient.newHttpClient();
        List<TransportsClient> clients = new ArrayList<>();
        Set<String> opensWithSnapshot = ConcurrentHashMap.newKeySet(); // "client/open number" that got a snapshot
        int drops = 0;
        try (EmbeddedServer server = EmbeddedServer.start(fanout, 0)) {
            for (int i = 0; i < CLIENTS; i++) {
                TransportsClient c = new TransportsClient(CODECS[i % CODECS.length], http)
                        .withBackoff(Duration.ofMillis(5), Duration.ofMillis(60));
                int n = i;
                c.onChange(change -> {
                    if (change.isSnapshot()) opensWithSnapshot.add(n + "/" + c.openCount());
                });
                c.onError(e -> { }); // drops are the point of this test; failures show as resyncs below
                clients.add(c);
                c.run(server.wsUrl());
            }
            Await.until("every client's first snapshot", () -> clients.stream().allMatch(c -> c.mirror().ids().contains(id)));

            long started = System.nanoTime();
            for (int u = 0; u < UPDATES; u++) {
                change(shapes, random);
                if (random.nextInt(100) < 4) {
                    clients.get(random.nextInt(CLIENTS)).dropConnection(); // no closing handshake
                    drops++;
                }
                if (random.nextInt(100) < 3) Thread.sleep(1); // let reconnects open between a change and its flush
                if (random.nextInt(100) < 70) fanout.sync();     // otherwise the change stays pending a while
            }
            fanout.sync();
            long updatesNanos = System.nanoTime() - started;

            long hostRev = session.rev(id);
            var hostValue = session.value(id);
            Await.untilValue("every client to hold the host's value at rev " + hostRev, Duration.ofSeconds(60),
                    () -> clients.stream().allMatch(c -> c.status() == TransportsClient.Status.OPEN
                            && c.mirror().revisions().getOrDefault(id, -1L) == hostRev && c.value(id).equals(hostValue)),
                    () -> describe(clients, id, hostRev));

            int resumes = 0;
            int resumesWithSnapshot = 0;
            int resyncs = 0;
            for (int i = 0; i < CLIENTS; i++) {
                TransportsClient c = clients.get(i);
                resyncs += c.resyncCount();
                for (int open = 2; open <= c.openCount(); open++) {
                    resumes++;
                    if (opensWithSnapshot.contains(i + "/" + open)) resumesWithSnapshot++;
                }
                assertEquals(hostValue, c.value(id), "client " + i);
                assertEquals(hostRev, c.mirror().rev(id), "client " + i);
            }
            System.out.printf("resume storm (seed %d): %d updates to rev %d in %d ms, %d clients, %d connections killed;"
                            + " %d resumes: %d with patches replayed, %d with a snapshot; %d resyncs; close codes %s%n",
                    seed, UPDATES, hostRev, updatesNanos / 1_000_000, CLIENTS, drops, resumes,
                    resumes - resumesWithSnapshot, resumesWithSnapshot, resyncs, closeCodes);
            assertEquals(0, resyncs, "no client met a patch it could not apply");
            assertTrue(resumes >= drops / 2, "the killed connections came back: " + resumes + " resumes for " + drops + " kills");
            assertTrue(!closeCodes.containsKey(1011), "a dropped client is not a server error: " + closeCodes + " " + serverLog);
        } finally {
            for (TransportsClient c : clients) c.close();
            fanout.close();
        }
    }

    /** One random update of some shape (sometimes several at once, which then travel as one patch). */
    private static void change(Shapes s, Random r) {
        int times = r.nextInt(10) == 0 ? 2 + r.nextInt(3) : 1;
        for (int t = 0; t < times; t++) {
            switch (r.nextInt(11)) {
                case 0 -> s.counts.put("k" + r.nextInt(30), r.nextInt(1000));
                case 1 -> {
                    if (!s.counts.isEmpty()) s.counts.remove(new ArrayList<>(s.counts.keySet()).get(r.nextInt(s.counts.size())));
                }
                case 2 -> {
                    if (s.items.size() < 40) s.items.add(r.nextInt(s.items.size() + 1), r.nextInt(100));
                }
                case 3 -> {
                    if (!s.items.isEmpty()) s.items.remove(r.nextInt(s.items.size()));
                }
                case 4 -> { // move one element
                    if (s.items.size() > 1) s.items.add(r.nextInt(s.items.size()), s.items.remove(r.nextInt(s.items.size())));
                }
                case 5 -> { // reorder: shuffle, reverse or rotate a stretch
                    if (s.items.size() > 2) {
                        int from = r.nextInt(s.items.size() - 1);
                        List<Integer> part = s.items.subList(from, from + 1 + r.nextInt(s.items.size() - from - 1) + 1);
                        switch (r.nextInt(3)) {
                            case 0 -> Collections.shuffle(part, r);
                            case 1 -> Collections.reverse(part);
                            default -> Collections.rotate(part, 1);
                        }
                    }
                }
                case 6 -> { // rows: add, remove or move one
                    int k = r.nextInt(3);
                    if (k == 0 && s.rows.size() < 12) {
                        Row row = new Row();
                        row.name = "row" + r.nextInt(1000);
                        s.rows.add(r.nextInt(s.rows.size() + 1), row);
                    } else if (k == 1 && !s.rows.isEmpty()) {
                        s.rows.remove(r.nextInt(s.rows.size()));
                    } else if (s.rows.size() > 1) {
                        s.rows.add(r.nextInt(s.rows.size()), s.rows.remove(r.nextInt(s.rows.size())));
                    }
                }
                case 7 -> { // nested list inside a row
                    if (!s.rows.isEmpty()) {
                        List<String> tags = s.rows.get(r.nextInt(s.rows.size())).tags;
                        if (!tags.isEmpty() && r.nextBoolean()) tags.remove(r.nextInt(tags.size()));
                        else if (tags.size() < 8) tags.add(r.nextInt(tags.size() + 1), "t" + r.nextInt(50));
                    }
                }
                case 8 -> { // nested map inside a row
                    if (!s.rows.isEmpty()) {
                        Map<String, Long> attrs = s.rows.get(r.nextInt(s.rows.size())).attrs;
                        String key = "a" + r.nextInt(6);
                        if (attrs.containsKey(key) && r.nextBoolean()) attrs.remove(key);
                        else attrs.put(key, r.nextLong());
                    }
                }
                case 9 -> s.note = "note " + r.nextInt(10_000);
                default -> { // a row's name
                    if (!s.rows.isEmpty()) s.rows.get(r.nextInt(s.rows.size())).name = "renamed" + r.nextInt(1000);
                }
            }
        }
    }

    private static String describe(List<TransportsClient> clients, long id, long hostRev) {
        StringBuilder sb = new StringBuilder("host rev " + hostRev + ";");
        for (int i = 0; i < clients.size(); i++) {
            TransportsClient c = clients.get(i);
            sb.append(" ").append(i).append(":").append(c.status()).append("@")
                    .append(c.mirror().ids().contains(id) ? c.mirror().rev(id) : -1)
                    .append(c.mirror().needsResync().isEmpty() ? "" : "(resync)");
        }
        return sb.toString();
    }
}
