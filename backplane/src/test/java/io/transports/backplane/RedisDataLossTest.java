package io.transports.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Client;
import io.transports.Frame;
import io.transports.Server;
import io.transports.Session;
import io.transports.backplane.support.Await;
import io.transports.backplane.support.Journal;
import io.transports.backplane.support.RedisProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis restarted without its data while the processes were at different revisions, the one that
 * re-seeds the model being behind the others: no revision handed out before the loss is numbered again
 * with other content, so a mirror that resumes with a revision from before the loss, on the process that
 * re-seeded, never applies a patch onto the wrong base, and a process that was ahead reloads instead of
 * adopting the new life's patches onto its state. The model is a journal (each entry appended at the
 * end), whose patches depend on their base: a patch on the wrong base leaves a list that is not the
 * model's.
 */
class RedisDataLossTest {
    /** A process: a session sharing the journal through its own backplane handle, and a core server. */
    private static final class Proc implements AutoCloseable {
        final Session session = new Session();
        final Journal journal = new Journal();
        final Replication replication;
        final Server server = new Server(session);
        final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();

        Proc(Backplane plane) {
            replication = new Replication(session, plane, io.transports.backplane.support.Node.fast().withKeepPatches(10_000));
            replication.onLog(log::add);
            replication.share("journal", 1, journal);
        }

        synchronized void append(long entry) {
            journal.entries.add(entry);
            session.flush();
        }

        /** Open a mirror (resuming from {@code since} when given) and return the frames it got. */
        synchronized List<String> open(String name, Client mirror, Map<Long, Long> since) {
            List<String> texts = new ArrayList<>();
            for (Frame f : server.open(name, null, since)) {
                texts.add(f.text());
                mirror.recv(f);
            }
            return texts;
        }

        synchronized void pump(String name, Client mirror) {
            for (Frame f : server.flush().getOrDefault(name, List.of())) mirror.recv(f);
        }

        @Override public void close() {
            server.close();
            replication.close();
            replication.backplane().close();
        }
    }

    @Test void aReSeedAfterDataLossNeverNumbersAHandedOutRevisionAgain() throws Exception {
        try (RedisProcess redis = RedisProcess.start()) {
            PausableTail tailOfBehind = new PausableTail(Backplanes.open(redis.url() + "?timeout=3s"));
            PausableTail tailOfHost = new PausableTail(Backplanes.open(redis.url() + "?timeout=3s"));
            try (Proc host = new Proc(tailOfHost);
                 Proc ahead = new Proc(Backplanes.open(redis.url() + "?timeout=3s"));
                 Proc behind = new Proc(tailOfBehind)) {
                for (long i = 0; i < 50; i++) host.append(i);
                Await.until("every process at revision 50", Duration.ofSeconds(20),
                        () -> ahead.session.rev(1) == 50 && behind.session.rev(1) == 50);
                tailOfBehind.pause(); // "behind" stops hearing the log at 50
                for (long i = 50; i < 60; i++) host.append(i);
                Await.until("the process ahead at revision 60", Duration.ofSeconds(20), () -> ahead.session.rev(1) == 60);
                Client mirror = new Client(); // a browser on the process ahead, at revision 60
                ahead.open("m", mirror, null);
                assertEquals(60, mirror.rev(1));
                assertEquals(50, behind.session.rev(1), "the other process is behind, at 50");

                // the host does not hear the new life until it writes: its write meets the re-seeded log itself
                // (its unflushed entry would otherwise race a reload, the documented limit for unflushed host writes)
                tailOfHost.pause();
                redis.kill();
                redis.restart(false); // without its data: revisions 1..60 are gone from the store, not from the clients
                tailOfBehind.resume();
                // the process that was behind writes first, so it is the one that re-seeds, from its state at 50
                Await.until("the process behind writes after the restart", Duration.ofSeconds(30), () -> {
                    try {
                        behind.append(1000);
                        return true;
                    } catch (RuntimeException e) {
                        behind.journal.entries.remove(Long.valueOf(1000)); // not taken: try again
                        return false;
                    }
                });
                for (long i = 1001; i < 1020; i++) behind.append(i);
                long reseeded = behind.session.rev(1);
                assertTrue(reseeded > RedisBackplane.RESEED_GAP, "the new life is numbered above every revision handed out: " + reseeded);
                assertTrue(behind.log.stream().anyMatch(l -> l.contains("lost its data")), behind.log.toString());
                // from revision 60 of the lost life: refused, the host jumps to the re-seeded state. Its entry 60, not
                // flushed yet, is in the list the jump rewrites, so the jump overwrites it (the documented limit for an
                // unflushed host write to a field another process's patch changes); its next entry lands above
                host.append(60);
                host.append(61);
                tailOfHost.resume();
                assertTrue(host.log.stream().anyMatch(l -> l.contains("reload the model")), host.log.toString());
                Await.until("every process at the same value", Duration.ofSeconds(30), () -> {
                    host.session.flush();
                    ahead.session.flush();
                    behind.session.flush();
                    long r = behind.session.rev(1);
                    return host.session.rev(1) == r && ahead.session.rev(1) == r
                            && host.session.value(1).equals(behind.session.value(1)) && ahead.session.value(1).equals(behind.session.value(1));
                });
                // the browser that held revision 60 of the lost life resumes on the process that re-seeded
                List<String> frames = behind.open("m2", mirror, mirror.revisions());
                Await.until("the browser at the model's value", Duration.ofSeconds(20), () -> {
                    behind.pump("m2", mirror);
                    return behind.session.value(1).equals(mirror.value(1));
                });
                assertEquals(behind.session.value(1), mirror.value(1), "no patch applied onto the wrong base");
                List<Long> expected = new ArrayList<>();
                for (long i = 0; i < 50; i++) expected.add(i);
                for (long i = 1000; i < 1020; i++) expected.add(i);
                expected.add(61L);
                assertEquals(expected, behind.journal.entries, "the re-seeded life: the state at 50, then the writes after the loss; host log " + host.log + "; behind log " + behind.log);
                assertEquals(expected, ahead.journal.entries, "the process that was ahead reloaded instead of adopting onto 60");
                System.out.printf("redis lost its data with processes at 60 and 50: the one at 50 re-seeded as revision %d (%d + 2^32);"
                                + " a browser from revision 60 resumed on it with %s%n", behind.session.rev(1) - 21, 50,
                        frames.stream().anyMatch(f -> f.contains("\"snapshot\"")) ? "a snapshot" : "patches (" + frames.size() + ")");
            }
        }
    }
}
