package io.transports.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Client;
import io.transports.Connection;
import io.transports.Hub;
import io.transports.backplane.support.Await;
import io.transports.merge.DeepLww;
import io.transports.merge.LastWriteWins;
import io.transports.merge.LwwMap;
import io.transports.merge.MergeStrategy;
import io.transports.merge.SequenceCrdt;
import io.transports.patch.Apply;
import io.transports.patch.Op;
import io.transports.value.ListValue;
import io.transports.value.Path;
import io.transports.value.StrValue;
import io.transports.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@link Hub}'s shared models served by several hubs ("processes", each on its own backplane
 * connection) through a backplane, in memory and on a real Redis: two processes writing one shared model
 * at once with each merge strategy (no revision claimed twice, no write lost or applied twice, every
 * mirror and both hubs end at the value the log makes, and the convergent strategies keep their
 * guarantees), a late joiner starting from the stored snapshot and log, a mirror resuming on another
 * process from the shared log, and a process sharing a name under another id or strategy refused.
 */
abstract class HubReplicationTest {
    abstract Backplane open() throws Exception;

    /** Empty the store between tests. */
    void cleanStore() throws Exception {}

    /** Writes per writer (full count with -Dtransports.full=true). */
    static final int WRITES = Boolean.getBoolean("transports.full") ? 1_000 : 100;
    static final long ID = Hub.SHARED_ID_BASE + 7;
    /** Snapshots and trimming often, but a log long enough to check every revision of a test. */
    static final Replication.Options UNTRIMMED = io.transports.backplane.support.Node.fast().withKeepPatches(1_000_000);

    private final List<HubProcess> processes = new ArrayList<>();

    HubProcess process(Replication.Options options) throws Exception {
        HubProcess p = new HubProcess(open(), options);
        processes.add(p);
        return p;
    }

    @AfterEach void closeProcesses() throws Exception {
        for (HubProcess p : processes) p.close();
        processes.clear();
        cleanStore();
    }

    static Path key(String... keys) {
        Path p = Path.ROOT;
        for (String k : keys) p = p.key(k);
        return p;
    }

    static Value board() { return Value.map(Map.of("a", Value.map(Map.of("n", Value.of(0))), "b", Value.map(Map.of("n", Value.of(0))), "shared", Value.of(-1))); }

    record Setup(Supplier<MergeStrategy> strategy, Value start) {}

    static Setup setup(String strategy) {
        return switch (strategy) {
            case "lww" -> new Setup(LastWriteWins::new, board());
            case "lwwmap" -> new Setup(LwwMap::new, board());
            case "deeplww" -> new Setup(DeepLww::new, board());
            case "sequence" -> new Setup(SequenceCrdt::new, Value.list());
            default -> throw new IllegalArgumentException(strategy);
        };
    }

    /** Writer {@code who}'s i-th write: its own field and the field both write (maps), or an insert at the front (a list). */
    static List<Op> write(String strategy, String who, int i, Client mirror) { return write(strategy, who, i, mirror, ID); }

    static List<Op> write(String strategy, String who, int i, Client mirror, long id) {
        if (strategy.equals("sequence")) {
            int at = i % 3 == 0 ? 0 : ((ListValue) mirror.value(id)).size();
            return List.of(new Op.Insert(Path.ROOT, at, Value.of(who + i)));
        }
        String own = who.equals("alice") ? "a" : "b";
        return List.of(new Op.Set(key(own, "n"), Value.of(i + 1)), new Op.Set(key("shared"), Value.of(who + i)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lww", "lwwmap", "deeplww", "sequence"})
    void twoProcessesWritingOneSharedModelAtOnce(String strategy) throws Exception {
        Setup setup = setup(strategy);
        HubProcess one = process(UNTRIMMED);
        HubProcess two = process(UNTRIMMED);
        assertEquals(ID, one.replication.share("board", ID, setup.start(), setup.strategy().get()));
        assertEquals(ID, two.replication.share("board", ID, Value.of("ignored: the stored value wins"), setup.strategy().get()));
        for (HubProcess p : processes) {
            p.hub.subscribe("alice", ID, Hub.Mode.WRITE);
            p.hub.subscribe("bob", ID, Hub.Mode.WRITE);
            p.hub.subscribe("carol", ID, Hub.Mode.READ);
        }
        Client alice = new Client(), bob = new Client(), carolOne = new Client(), carolTwo = new Client();
        Connection aliceConn = one.connect("alice", alice, null);
        Connection bobConn = two.connect("bob", bob, null);
        one.connect("carol", carolOne, null);
        two.connect("carol", carolTwo, null);

        Map<String, int[]> outcomes = new ConcurrentHashMap<>(); // writer -> {changed, unchanged, refused}
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread[] writers = {
            writer(strategy, "alice", alice, one, aliceConn, outcomes, failures),
            writer(strategy, "bob", bob, two, bobConn, outcomes, failures)};
        for (Thread t : writers) t.start();
        for (Thread t : writers) t.join(TimeUnit.MINUTES.toMillis(2));
        assertTrue(failures.isEmpty(), failures.toString());

        List<LogEntry> log = one.plane.readEntries("board", 0);
        Await.until("both hubs at the log's last revision", Duration.ofSeconds(20),
                () -> one.hub.sharedRev(ID) == log.size() && two.hub.sharedRev(ID) == log.size());
        // no revision claimed twice: the log holds revisions 1..n once each, and both hubs are at n
        for (int i = 0; i < log.size(); i++) assertEquals(i + 1, log.get(i).rev(), "revision " + (i + 1) + " of the log");
        // no write lost or applied twice: each writer's changed writes are its entries in the log
        Map<String, Integer> byOrigin = new HashMap<>();
        for (LogEntry e : log) byOrigin.merge(HubWire.shared("board", e).origin(), 1, Integer::sum);
        for (String who : List.of("alice", "bob")) {
            int[] o = outcomes.get(who);
            assertEquals(WRITES, o[0] + o[1] + o[2], who + "'s writes each had one outcome");
            assertEquals(o[0], byOrigin.getOrDefault(who, 0), who + "'s changed writes are in the log once each " + java.util.Arrays.toString(o));
        }
        // the log is the truth: its patches from the start make the value every hub and mirror holds
        Value fromLog = setup.start();
        for (LogEntry e : log) fromLog = Apply.apply(fromLog, e.patch());
        assertEquals(fromLog, one.hub.shared(ID));
        assertEquals(fromLog, two.hub.shared(ID));
        for (Client c : List.of(alice, bob, carolOne, carolTwo)) {
            Await.until("every mirror at revision " + log.size(), Duration.ofSeconds(20), () -> {
                one.pump();
                two.pump();
                return c.rev(ID) == log.size();
            });
            assertEquals(fromLog, c.value(ID), "a mirror's value");
        }
        // the strategies' own guarantees held across the two processes
        MergeStrategy fresh = setup.strategy().get();
        if (strategy.equals("lwwmap") || strategy.equals("deeplww")) {
            // stamps are intrinsic to the writes: the log's writes in reverse order make the same value
            Value reversed = setup.start();
            for (int i = log.size() - 1; i >= 0; i--) {
                var w = HubWire.shared("board", log.get(i));
                reversed = fresh.merge(reversed, w.write(), w.stamp());
            }
            assertEquals(fromLog, reversed, "the same writes delivered in reverse order");
        }
        if (strategy.equals("sequence")) {
            // two inserts into the same gap both survive: every accepted insert is there exactly once
            List<String> items = new ArrayList<>();
            for (Value v : ((ListValue) fromLog).items()) items.add(((StrValue) v).value());
            assertEquals(outcomes.get("alice")[0] + outcomes.get("bob")[0], items.size(), "every accepted insert kept: " + items);
            assertEquals(items.size(), new java.util.HashSet<>(items).size(), "no insert twice: " + items);
        }
        System.out.println("hub replication, " + strategy + ": " + log.size() + " revisions, claims lost and retried "
                + (one.replication.lostClaims() + two.replication.lostClaims()) + "; alice "
                + java.util.Arrays.toString(outcomes.get("alice")) + ", bob " + java.util.Arrays.toString(outcomes.get("bob"))
                + " (changed, unchanged, refused)");
    }

    /** A writer that proposes, waits for the outcome (echo, ack or reject) and proposes again. */
    private static Thread writer(String strategy, String who, Client mirror, HubProcess at, Connection conn,
                                 Map<String, int[]> outcomes, List<Throwable> failures) {
        int[] o = new int[3];
        outcomes.put(who, o);
        return new Thread(() -> {
            try {
                for (int i = 0; i < WRITES; i++) {
                    long before = mirror.rev(ID);
                    var rejected = new java.util.concurrent.atomic.AtomicBoolean();
                    Runnable off = mirror.onReject(r -> rejected.set(true));
                    var proposal = mirror.proposeOps(ID, write(strategy, who, i, mirror));
                    at.receive(conn, proposal.frame());
                    off.run();
                    if (rejected.get()) o[2]++;
                    else if (proposal.accepted().isDone() && proposal.accepted().get() > before) o[0]++;
                    else if (proposal.accepted().isDone()) o[1]++;
                    else throw new AssertionError(who + "'s write " + i + " had no outcome");
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        }, "writer-" + who);
    }

    /**
     * The race made certain: process one does not hear bob's write (its tail is held), so alice's write
     * loses the claim; process one adopts bob's entry, merges alice's write again with the strategy and
     * claims the next revision. Both writes set "shared" from revision 0: last write wins keeps the later
     * arrival (alice's), the LWW map keeps the higher stamp (0, "bob") whichever arrived last.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lww", "lwwmap"})
    void theLoserAdoptsTheWinnerAndMergesItsWriteAgain(String strategy) throws Exception {
        Setup setup = setup(strategy);
        PausableTail held = new PausableTail(open());
        HubProcess one = new HubProcess(held, UNTRIMMED);
        processes.add(one);
        HubProcess two = process(UNTRIMMED);
        one.replication.share("board", ID, setup.start(), setup.strategy().get());
        two.replication.share("board", ID, setup.start(), setup.strategy().get());
        for (HubProcess p : processes) {
            p.hub.subscribe("alice", ID, Hub.Mode.WRITE);
            p.hub.subscribe("bob", ID, Hub.Mode.WRITE);
        }
        Client alice = new Client(), bob = new Client();
        Connection aliceConn = one.connect("alice", alice, null);
        Connection bobConn = two.connect("bob", bob, null);
        held.pause();
        two.receive(bobConn, bob.editOps(ID, write(strategy, "bob", 0, bob)));
        assertEquals(0, one.hub.sharedRev(ID), "process one has not heard bob's write");
        one.receive(aliceConn, alice.editOps(ID, write(strategy, "alice", 0, alice)));
        held.resume();
        assertEquals(1, one.replication.lostClaims(), "alice's claim of revision 1 was lost");
        assertEquals(2, one.hub.sharedRev(ID));
        Await.until("process two at revision 2", Duration.ofSeconds(20), () -> two.hub.sharedRev(ID) == 2);
        Await.until("both mirrors at revision 2", Duration.ofSeconds(20), () -> {
            one.pump();
            two.pump();
            return alice.rev(ID) == 2 && bob.rev(ID) == 2;
        });
        Value expected = Value.map(Map.of("a", Value.map(Map.of("n", Value.of(1))), "b", Value.map(Map.of("n", Value.of(1))),
                "shared", Value.of(strategy.equals("lww") ? "alice0" : "bob0")));
        for (Value v : List.of(one.hub.shared(ID), two.hub.shared(ID), alice.value(ID), bob.value(ID))) assertEquals(expected, v);
        assertEquals(one.hub.snapshotShared(ID).strategyState(), two.hub.snapshotShared(ID).strategyState(), "the same stamps in both");
    }

    @Test void aLateJoinerStartsFromTheStoredStateAndAMirrorResumesOnAnotherProcessFromTheLog() throws Exception {
        HubProcess one = process(io.transports.backplane.support.Node.fast()); // keeps 50 patches
        one.replication.share("board", ID, board(), new LwwMap());
        one.hub.subscribe("alice", ID, Hub.Mode.WRITE);
        Client alice = new Client();
        Connection conn = one.connect("alice", alice, null);
        Client away = new Client();
        for (int i = 0; i < 120; i++) {
            one.receive(conn, alice.editOps(ID, List.of(new Op.Set(key("a", "n"), Value.of(i + 1)))));
            if (i == 99) one.disconnect(one.connect("alice", away, null)); // a mirror that saw revision 100 and went away
        }
        assertEquals(100, away.rev(ID));
        assertEquals(120, one.hub.sharedRev(ID));
        Await.until("a snapshot stored and the log trimmed", Duration.ofSeconds(20), () -> {
            StoredSnapshot s = one.plane.snapshot("board");
            return s != null && s.rev() == 120 && one.plane.readEntries("board", 0).get(0).rev() > 1;
        });
        HubProcess late = process(io.transports.backplane.support.Node.fast());
        late.replication.share("board", ID, Value.of("ignored: the stored value wins"), new LwwMap());
        late.hub.subscribe("alice", ID, Hub.Mode.WRITE);
        assertEquals(one.hub.shared(ID), late.hub.shared(ID), "the late joiner has the model");
        assertEquals(120, late.hub.sharedRev(ID));
        assertEquals(one.hub.snapshotShared(ID).strategyState(), late.hub.snapshotShared(ID).strategyState(), "and the stamps");
        // the late joiner's own log starts at its join: the resume from 100 comes from the shared log
        List<String> frames = new ArrayList<>();
        Connection c = new Connection("resumer", "json", io.transports.Permissions.all(), Map.of("tenant", List.of("alice")), null);
        for (var f : late.hub.connect(c, away.revisions())) {
            frames.add(f.text());
            away.recv(f);
        }
        assertTrue(frames.stream().noneMatch(f -> f.contains("\"snapshot\"")), "resumed by patches, not a snapshot: " + frames);
        assertEquals(20, frames.size(), "the 20 patches after revision 100: " + frames);
        assertEquals(late.hub.shared(ID), away.value(ID));
        // and a write on the late joiner reaches the first process, stamped as it was there
        late.receive(late.connect("alice", new Client(), null), away.editOps(ID, List.of(new Op.Set(key("b", "n"), Value.of(7)))));
        Await.until("the first process has the late joiner's write", Duration.ofSeconds(20), () -> one.hub.sharedRev(ID) == 121);
        assertEquals(late.hub.shared(ID), one.hub.shared(ID));
        assertEquals(one.hub.snapshotShared(ID).strategyState(), late.hub.snapshotShared(ID).strategyState());
    }

    @Test void aNameSharedUnderAnotherIdOrStrategyIsRefused() throws Exception {
        HubProcess one = process(UNTRIMMED);
        HubProcess two = process(UNTRIMMED);
        one.replication.share("board", ID, board(), new LwwMap());
        var wrongId = assertThrows(IllegalStateException.class, () -> two.replication.share("board", ID + 1, board(), new LwwMap()));
        assertTrue(wrongId.getMessage().contains("under id " + ID), wrongId.getMessage());
        var wrongStrategy = assertThrows(IllegalStateException.class, () -> two.replication.share("board", ID, board(), new DeepLww()));
        assertTrue(wrongStrategy.getMessage().contains(LwwMap.class.getName()), wrongStrategy.getMessage());
        assertThrows(IllegalArgumentException.class, () -> two.replication.share("other", 5, board(), new LwwMap()));
    }
}
