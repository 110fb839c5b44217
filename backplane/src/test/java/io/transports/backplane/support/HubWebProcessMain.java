package io.transports.backplane.support;

import io.transports.Hub;
import io.transports.backplane.Backplanes;
import io.transports.backplane.HubReplication;
import io.transports.backplane.Replication;
import io.transports.connections.Fanout;
import io.transports.connections.SyncLoop;
import io.transports.merge.DeepLww;
import io.transports.merge.LastWriteWins;
import io.transports.merge.LwwMap;
import io.transports.merge.SequenceCrdt;
import io.transports.value.Value;
import java.time.Duration;
import java.util.Map;

/**
 * One web server process serving a {@link Hub} over WebSocket (ws://127.0.0.1:PORT/transports, the
 * tenant from the {@code tenant} query parameter), its shared models replicated through the backplane
 * at args[0]: one per merge strategy, ids {@link #ID_BASE} + 0..3 (last write wins, LWW map, deep LWW,
 * sequence CRDT), tenants alice and bob subscribed to write. Prints {@code PORT <n>} once listening.
 */
public final class HubWebProcessMain {
    public static final long ID_BASE = Hub.SHARED_ID_BASE + 100;
    public static final String[] STRATEGIES = {"lww", "lwwmap", "deeplww", "sequence"};

    public static Value board() {
        return Value.map(Map.of("a", Value.map(Map.of("n", Value.of(0))), "b", Value.map(Map.of("n", Value.of(0))), "shared", Value.of(-1)));
    }

    public static void main(String[] args) throws Exception {
        Hub hub = new Hub(c -> c.param("tenant").orElse("guest"));
        HubReplication replication = new HubReplication(hub, Backplanes.open(args[0]),
                Replication.Options.DEFAULT.withSnapshotEvery(Duration.ofMillis(500)).withKeepPatches(1_000_000));
        replication.onLog(line -> System.out.println("LOG " + line));
        replication.share("hub-lww", ID_BASE, board(), new LastWriteWins());
        replication.share("hub-lwwmap", ID_BASE + 1, board(), new LwwMap());
        replication.share("hub-deeplww", ID_BASE + 2, board(), new DeepLww());
        replication.share("hub-sequence", ID_BASE + 3, Value.list(), new SequenceCrdt());
        for (int i = 0; i < STRATEGIES.length; i++) {
            hub.subscribe("alice", ID_BASE + i, Hub.Mode.WRITE);
            hub.subscribe("bob", ID_BASE + i, Hub.Mode.WRITE);
        }
        Fanout fanout = new Fanout(hub);
        replication.onChange(fanout::sync);
        fanout.holdResumes(replication.resumeGate(Duration.ofSeconds(2)));
        new SyncLoop(fanout, Duration.ofMillis(10)).start();
        int port = LoopbackWebSocket.serve(fanout, WebProcessMain.WS_PATH);
        System.out.println("PORT " + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
