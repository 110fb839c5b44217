package io.transports.backplane.support;

import io.transports.Session;
import io.transports.backplane.Backplanes;
import io.transports.backplane.Replication;
import io.transports.backplane.ResumeGate;
import io.transports.connections.Fanout;
import io.transports.connections.SyncLoop;
import java.time.Duration;

/**
 * One web server process of the fault tests, run in its own JVM: it serves the shared model "tally"
 * (id 1) from the backplane at args[0] over WebSocket at ws://127.0.0.1:PORT/transports, and prints
 * {@code PORT <n>} once listening and {@code LEASE <token>} whenever the singleton lease changes hands
 * here (0: not held), and {@code GATE <at once> <caught up> <timed out>} whenever its resume gate let a
 * resuming client through. args[1] is the lease time to live in milliseconds; args[2], optional, how
 * long a resume is held for this process to catch up with the client (2000 ms; 0: not held).
 */
public final class WebProcessMain {
    public static final String WS_PATH = "/transports";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Duration ttl = Duration.ofMillis(Long.parseLong(args[1]));
        Session session = new Session();
        Replication replication = new Replication(session, Backplanes.open(url),
                Replication.Options.DEFAULT.withLease(ttl).withSnapshotEvery(Duration.ofMillis(200)).withKeepPatches(200));
        replication.onLog(line -> System.out.println("LOG " + line));
        replication.share("tally", 1, new Tally());
        Fanout fanout = new Fanout(session);
        replication.onChange(fanout::sync);
        new SyncLoop(fanout, Duration.ofMillis(20)).start();
        long holdMs = args.length > 2 ? Long.parseLong(args[2]) : 2000;
        ResumeGate gate = replication.resumeGate(Duration.ofMillis(holdMs));
        if (holdMs > 0) fanout.holdResumes(gate);

        int port = LoopbackWebSocket.serve(fanout, WS_PATH);
        System.out.println("PORT " + port);
        System.out.flush();
        long shown = -1;
        String gateShown = "";
        while (true) {
            long t = replication.leaseToken();
            if (t != shown) {
                System.out.println("LEASE " + t);
                System.out.flush();
                shown = t;
            }
            String g = gate.atOnce() + " " + gate.caughtUp() + " " + gate.timedOut();
            if (!g.equals(gateShown)) {
                System.out.println("GATE " + g);
                System.out.flush();
                gateShown = g;
            }
            Thread.sleep(20);
        }
    }
}
