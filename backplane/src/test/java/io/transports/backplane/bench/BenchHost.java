package io.transports.backplane.bench;

import io.transports.Session;
import io.transports.backplane.Backplanes;
import io.transports.backplane.Replication;
import java.time.Instant;

/**
 * The host of the backplane benchmark: changes the shared model "ticker" 100 times a second ({@code seq
 * += 1}, {@code ts} = wall-clock nanoseconds) and flushes each change into the backplane at args[0].
 */
public final class BenchHost {
    public static void main(String[] args) throws Exception {
        Session session = new Session();
        Ticker ticker = new Ticker();
        Replication replication = new Replication(session, Backplanes.open(args[0]));
        replication.share("ticker", 1, ticker);
        System.out.println("ready");
        System.out.flush();
        long next = System.nanoTime();
        while (true) {
            Instant now = Instant.now();
            ticker.seq++;
            ticker.ts = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            session.flush();
            next += 10_000_000L;
            long sleep = next - System.nanoTime();
            if (sleep > 0) Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
    }
}
