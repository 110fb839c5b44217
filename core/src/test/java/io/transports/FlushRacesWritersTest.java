package io.transports;

import static org.junit.jupiter.api.Assertions.*;

import io.transports.bridge.Bridge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Flushes racing a thread that writes plain (non-concurrent) collections of the hosted object: a walk
 * that meets a collection mid-write is made again, so the user sees no error they did not make — in
 * particular no "two map keys both become ..." from a TreeMap caught mid-rotation (issue 9) — and once
 * the writer stops, the next flush sends exactly the object's state. Counts are printed; the full run
 * ({@code -Dtransports.full=true}) races for 10 s per collection instead of 1.5 s.
 */
class FlushRacesWritersTest {
    static final boolean FULL = Boolean.getBoolean("transports.full");
    static final long RACE_MILLIS = FULL ? 10_000 : 1_500;

    public static class Store {
        public TreeMap<String, Integer> tree = new TreeMap<>();
        public HashMap<String, Integer> hash = new HashMap<>();
        public List<Integer> list = new ArrayList<>();
    }

    interface Writer { void write(Store s, SplittableRandom r); }

    private static void race(String what, Writer writer) throws Exception {
        var session = new Session();
        var store = new Store();
        long id = session.host(store);
        AtomicBoolean stop = new AtomicBoolean();
        long[] writes = {0};
        Thread t = new Thread(() -> {
            var r = new SplittableRandom(7);
            while (!stop.get()) {
                writer.write(store, r);
                writes[0]++;
                if ((writes[0] & 15) == 0) java.util.concurrent.locks.LockSupport.parkNanos(50_000); // bursts, as a real writer
            }
        }, "racing-writer");
        int flushes = 0, patches = 0;
        List<String> errors = new ArrayList<>();
        t.start();
        long end = System.nanoTime() + RACE_MILLIS * 1_000_000;
        try {
            while (System.nanoTime() < end) {
                try {
                    patches += session.flush().size();
                } catch (UnsyncableException e) {
                    errors.add(e.getMessage());
                }
                flushes++;
            }
        } finally {
            stop.set(true);
            t.join();
        }
        session.flush();
        System.out.printf("flush racing a %s writer for %d ms: %d writes, %d flushes, %d patches, %d errors%n",
                what, RACE_MILLIS, writes[0], flushes, patches, errors.size());
        assertEquals(List.of(), errors.subList(0, Math.min(3, errors.size())), errors.size() + " flushes racing a writer reported errors the user did not make");
        assertEquals(Bridge.toValue(store), session.value(id), "after the writer stops, the session holds the object's state");
        assertTrue(patches > 0, "the flushes saw the writer's changes");
    }

    @Test
    void aTreeMapWrittenDuringFlushesGivesNoErrors() throws Exception {
        race("TreeMap", (s, r) -> {
            String k = "t" + r.nextInt(64);
            if (r.nextBoolean()) s.tree.put(k, r.nextInt(1000));
            else s.tree.remove(k);
        });
    }

    @Test
    void aHashMapWrittenDuringFlushesGivesNoErrors() throws Exception {
        race("HashMap", (s, r) -> {
            String k = "h" + r.nextInt(64);
            if (r.nextBoolean()) s.hash.put(k, r.nextInt(1000));
            else s.hash.remove(k);
        });
    }

    @Test
    void anArrayListWrittenDuringFlushesGivesNoErrors() throws Exception {
        race("ArrayList", (s, r) -> {
            if (s.list.size() < 64 && r.nextBoolean()) s.list.add(r.nextInt(s.list.size() + 1), r.nextInt(1000));
            else if (!s.list.isEmpty()) s.list.remove(r.nextInt(s.list.size()));
        });
    }
}
