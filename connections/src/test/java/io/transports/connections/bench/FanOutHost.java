package io.transports.connections.bench;

import io.transports.Session;
import io.transports.connections.Fanout;
import io.transports.connections.SyncLoop;
import io.transports.connections.support.EmbeddedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Java side of the fan-out benchmark, run as its own process: embedded Jetty on loopback hosting a
 * {@link Ticker} that changes 100 times a second (seq + 1, ts = wall-clock ns), flushed by a
 * {@link SyncLoop}. Arguments: {@code --port N --interval-ms M --rate R}. Prints "ready <url>".
 */
public final class FanOutHost {
    private FanOutHost() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(arg(args, "--port", "0"));
        long intervalMs = Long.parseLong(arg(args, "--interval-ms", "50"));
        int rate = Integer.parseInt(arg(args, "--rate", "100"));
        Session session = new Session();
        Ticker ticker = new Ticker();
        session.host(ticker);
        Fanout fanout = new Fanout(session).setLog(line -> System.err.println("host: " + line));
        if (Boolean.parseBoolean(arg(args, "--report-heap", "false"))) reportHeap(fanout);
        SyncLoop loop = new SyncLoop(fanout, Duration.ofMillis(intervalMs)).start();
        EmbeddedServer server = EmbeddedServer.start(fanout, port);
        ScheduledExecutorService mutator = Executors.newSingleThreadScheduledExecutor();
        if (rate > 0) mutator.scheduleAtFixedRate(() -> { // rate 0: only the clients' proposals change it
            Instant now = Instant.now();
            ticker.seq++;
            ticker.ts = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }, 0, 1_000_000_000L / Math.max(1, rate), TimeUnit.NANOSECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mutator.shutdownNow();
            loop.close();
            fanout.close();
            try {
                server.close();
            } catch (Exception ignored) {
                // exiting
            }
        }));
        System.out.println("ready " + server.wsUrl());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Every 5 s, the heap in use after a GC and the connection count, for memory per connection. */
    private static void reportHeap(Fanout fanout) {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                }
                System.gc();
                Runtime r = Runtime.getRuntime();
                System.out.println("heap used_bytes=" + (r.totalMemory() - r.freeMemory()) + " connections=" + fanout.connectionCount());
                System.out.flush();
            }
        }, "heap-report");
        t.setDaemon(true);
        t.start();
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return fallback;
    }
}
