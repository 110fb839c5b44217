package io.transports.connections.bench;

import io.transports.Hub;
import io.transports.connections.Fanout;
import io.transports.connections.SyncLoop;
import io.transports.connections.support.EmbeddedServer;
import io.transports.merge.DeepLww;
import io.transports.merge.LastWriteWins;
import io.transports.merge.LwwMap;
import io.transports.merge.SequenceCrdt;
import io.transports.value.Path;
import io.transports.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java side of the many-writers benchmark (connections/hub-writes.sh), run as its own process:
 * embedded Jetty on loopback serving a {@link Hub} with ONE shared model under one merge strategy,
 * flushed by a {@link SyncLoop}. Each connection's tenant is its {@code tenant} query parameter; tenants
 * {@code w0..w<writers-1>} subscribe with WRITE, every other tenant READ (subscribed on first sight).
 * The model's shape fits the strategy and the writes {@link FanOutClients} sends with {@code --shape}:
 * {@code flat} (LastWriteWins, LwwMap: one key per writer), {@code deep} (DeepLww: writers.w<k>.ts),
 * {@code seq} (SequenceCrdt on {@code items}, a list of 100 elements: insert at 0, drop the last).
 * Arguments: {@code --port N --interval-ms M --strategy lww|lwwmap|deep|seq --writers K}.
 * Prints "ready <url> <shared id>", then "rev <epoch ms> <revision>" every 200 ms: the merged writes so far.
 */
public final class HubWritesHost {
    private HubWritesHost() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(FanOutHost.arg(args, "--port", "0"));
        long intervalMs = Long.parseLong(FanOutHost.arg(args, "--interval-ms", "50"));
        String strategy = FanOutHost.arg(args, "--strategy", "lww");
        int writers = Integer.parseInt(FanOutHost.arg(args, "--writers", "100"));
        Hub hub = new Hub(c -> c.param("tenant").orElse("reader"));
        long id = switch (strategy) {
            case "lww" -> hub.share(Value.map(Map.of()), new LastWriteWins());
            case "lwwmap" -> hub.share(Value.map(Map.of()), new LwwMap());
            case "deep" -> hub.share(deepModel(writers), new DeepLww());
            case "seq" -> hub.share(seqModel(), new SequenceCrdt(Path.ROOT.key("items")));
            default -> throw new IllegalArgumentException("--strategy lww|lwwmap|deep|seq, not " + strategy);
        };
        for (int w = 0; w < writers; w++) hub.subscribe("w" + w, id, Hub.Mode.WRITE);
        hub.subscribe("reader", id, Hub.Mode.READ);
        Fanout fanout = new Fanout(hub).setLog(line -> System.err.println("host: " + line));
        SyncLoop loop = new SyncLoop(fanout, Duration.ofMillis(intervalMs)).start();
        EmbeddedServer server = EmbeddedServer.start(fanout, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            loop.close();
            fanout.close();
            try {
                server.close();
            } catch (Exception ignored) {
                // exiting
            }
        }));
        System.out.println("ready " + server.wsUrl() + " " + id);
        System.out.flush();
        while (true) { // the merged writes, counted where they happen: the script takes the rise over the clients' window
            System.out.println("rev " + System.currentTimeMillis() + " " + hub.sharedRev(id));
            System.out.flush();
            Thread.sleep(200);
        }
    }

    private static Value ts(long v) { return Value.map(Map.of("ts", Value.of(v))); }

    /** {"writers": {"w0": {"ts": 0}, ...}}: DeepLww refuses a Set under a parent no write ever made. */
    private static Value deepModel(int writers) {
        Map<String, Value> ws = new LinkedHashMap<>();
        for (int w = 0; w < writers; w++) ws.put("w" + w, ts(0));
        return Value.map(Map.of("writers", Value.map(ws)));
    }

    /** {"items": [{"ts": 0} x 100]}. */
    private static Value seqModel() {
        List<Value> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) items.add(ts(0));
        return Value.map(Map.of("items", Value.list(items)));
    }
}
