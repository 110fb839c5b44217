package io.transports.backplane.bench;

import io.transports.Session;
import io.transports.backplane.Backplanes;
import io.transports.backplane.Replication;
import io.transports.connections.Fanout;
import io.transports.connections.SyncLoop;
import io.transports.backplane.support.LoopbackWebSocket;
import java.time.Duration;

/**
 * One web process of the backplane benchmark: serves the shared model "ticker" from the backplane at
 * args[0] over WebSocket, fanning out every adopted patch at once (and on a 10 ms sync loop). Prints
 * {@code ready ws://127.0.0.1:PORT/transports}, and once the clients are connected the heap it holds
 * per connection (heap after GC minus the heap after GC before any client).
 */
public final class BenchWebProcess {
    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc(); // a benchmark's measurement, not a test
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    public static void main(String[] args) throws Exception {
        Session session = new Session();
        Replication replication = new Replication(session, Backplanes.open(args[0]));
        replication.share("ticker", 1, new Ticker());
        Fanout fanout = new Fanout(session);
        replication.onChange(fanout::sync);
        new SyncLoop(fanout, Duration.ofMillis(10)).start();
        int port = LoopbackWebSocket.serve(fanout, "/transports");
        long baseline = heapAfterGc();
        System.out.println("ready ws://127.0.0.1:" + port + "/transports");
        System.out.flush();
        // once the connection count has held still for 3 s (the clients' warm-up), weigh the heap once
        int last = -1;
        long stableSince = System.nanoTime();
        while (true) {
            Thread.sleep(250);
            int n = fanout.connectionCount();
            if (n != last) {
                last = n;
                stableSince = System.nanoTime();
            } else if (n > 0 && System.nanoTime() - stableSince > 3_000_000_000L) {
                long used = heapAfterGc();
                System.out.printf("heap connections=%d bytes_per_connection=%d%n", n, (used - baseline) / n);
                System.out.flush();
                Thread.currentThread().join();
            }
        }
    }
}
