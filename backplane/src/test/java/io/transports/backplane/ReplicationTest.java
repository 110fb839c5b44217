package io.transports.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Client;
import io.transports.backplane.support.Await;
import io.transports.backplane.support.Node;
import io.transports.backplane.support.Tally;
import io.transports.bridge.Bridge;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.Path;
import io.transports.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several sessions ("processes") serving one shared model through a backplane, in-memory and Redis:
 * host changes reach every process and its mirrors, a proposal accepted by one web process reaches the
 * host's object, concurrent writers never claim a revision twice, a late joiner starts from the stored
 * snapshot and the log, and a mirror resumes on another process from the shared log.
 */
abstract class ReplicationTest {
    abstract Backplane open() throws Exception;

    /** Writes of the concurrent-writers test per writer (full count with -Dtransports.full=true). */
    static final int WRITES = Boolean.getBoolean("transports.full") ? 2_000 : 200;

    private final List<Node> nodes = new ArrayList<>();

    Node node() throws Exception {
        Node n = new Node(open(), Node.fast());
        nodes.add(n);
        return n;
    }

    @AfterEach void closeNodes() throws Exception {
        for (Node n : nodes) n.close();
        nodes.clear();
        cleanStore();
    }

    /** Empty the store between tests (after every node is closed, so none writes into the next test). */
    void cleanStore() throws Exception {}

    static Value valueOf(Node n) { return n.session.value(1); }

    static List<Op> note(String s) { return List.of(new Op.Set(Path.ROOT.key("note"), Value.of(s))); }

    @Test void hostChangesReachEveryProcessAndAWebProposalReachesTheHostObject() throws Exception {
        Node host = node();
        Node web1 = node();
        Node web2 = node();
        Client browser1 = web1.connect("b1", new Client(), null);
        Client browser2 = web2.connect("b2", new Client(), null);
        for (int i = 0; i < 20; i++) {
            host.tally.count++;
            host.session.flush();
        }
        Await.until("both web processes at count 20", Duration.ofSeconds(10), () -> {
            web1.pump();
            web2.pump();
            return Bridge.toValue(browser1.model(1, Tally.class)).equals(valueOf(host))
                    && browser2.model(1, Tally.class).count == 20;
        });
        web2.propose("b2", browser2.editOps(1, note("from the web")));
        Await.until("the host's object has the proposal", Duration.ofSeconds(10), () -> "from the web".equals(host.tally.note));
        Await.until("every mirror has it", Duration.ofSeconds(10), () -> {
            web1.pump();
            web2.pump();
            return browser1.model(1, Tally.class).note.equals("from the web") && browser2.model(1, Tally.class).note.equals("from the web");
        });
        for (Node n : nodes) assertTrue(n.log.stream().noneMatch(l -> l.contains("twice")), n.log.toString());
    }

    @Test void aModelAlreadyHostedIsPublishedAndTheStoredStateWinsForALaterPublisher() throws Exception {
        io.transports.Session notebook = new io.transports.Session(); // as a kernel's session: the model is hosted first
        Tally shown = new Tally();
        long id = notebook.host(shown);
        shown.count = 7;
        notebook.flush();
        try (Backplane plane = open(); Replication r = new Replication(notebook, plane, Node.fast())) {
            r.publish("tally", id);
            Node web = node();
            Client browser = web.connect("b", new Client(), null);
            assertEquals(7, browser.model(1, Tally.class).count, "the published value");
            shown.count = 8;
            notebook.flush();
            web.propose("b", browser.editOps(1, note("from a page")));
            Await.until("the notebook's object has the page's edit and the page the notebook's", Duration.ofSeconds(10), () -> {
                web.pump();
                return "from a page".equals(shown.note) && browser.model(1, Tally.class).count == 8;
            });
            io.transports.Session other = new io.transports.Session(); // a second publisher with its own value
            Tally stale = new Tally();
            long otherId = other.host(stale);
            try (Backplane plane2 = open(); Replication r2 = new Replication(other, plane2, Node.fast())) {
                r2.publish("tally", otherId);
                assertEquals(notebook.value(id), other.value(otherId), "the stored state won");
                assertEquals(8, stale.count);
            }
        }
    }

    @Test void aProcessBehindATrimmedLogStillAcceptsAProposal() throws Exception {
        Node host = node();
        PausableTail tail = new PausableTail(open());
        Node web = new Node(tail, Node.fast());
        nodes.add(web);
        Client browser = web.connect("b", new Client(), null);
        tail.pause(); // the web process stops hearing the log
        for (int i = 0; i < 200; i++) {
            host.tally.count++;
            host.session.flush();
        }
        Backplane check = open();
        Await.until("the log is trimmed past the web process", Duration.ofSeconds(10),
                () -> check.read("tally", 0).get(0).rev() > 2 && check.snapshot("tally").rev() >= 100);
        check.close();
        List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
        browser.onReject(r -> refusals.add(r.error()));
        web.propose("b", browser.editOps(1, note("from behind")));
        assertEquals(List.of(), refusals, "accepted on top of the stored snapshot");
        Await.until("the host has the edit", Duration.ofSeconds(10), () -> "from behind".equals(host.tally.note));
        tail.resume();
        host.session.flush();
        Await.until("the web process and its mirror equal the host", Duration.ofSeconds(10), () -> {
            web.pump();
            return valueOf(host).equals(valueOf(web)) && valueOf(host).equals(browser.value(1));
        });
        assertEquals(200, browser.model(1, Tally.class).count);
    }

    @Test void twoProcessesWritingAtOnceNeverClaimARevisionTwice() throws Exception {
        Node host = node();
        Node a = node();
        Node b = node();
        Client ca = a.connect("a", new Client(), null);
        Client cb = b.connect("b", new Client(), null);
        AtomicInteger refused = new AtomicInteger();
        java.util.Set<String> reasons = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ca.onReject(r -> { refused.incrementAndGet(); reasons.add(r.error().replaceAll("[0-9]+", "N")); });
        cb.onReject(r -> { refused.incrementAndGet(); reasons.add(r.error().replaceAll("[0-9]+", "N")); });
        Thread hostWriter = new Thread(() -> {
            for (int i = 0; i < WRITES; i++) {
                host.tally.count++;
                host.session.flush();
            }
        });
        Thread wa = new Thread(() -> {
            for (int i = 0; i < WRITES; i++) a.propose("a", ca.editOps(1, note("a" + i)));
        });
        Thread wb = new Thread(() -> {
            for (int i = 0; i < WRITES; i++) b.propose("b", cb.editOps(1, note("b" + i)));
        });
        hostWriter.start();
        wa.start();
        wb.start();
        hostWriter.join();
        wa.join();
        wb.join();
        host.session.flush();
        Backplane check = open();
        long last = check.lastRev("tally");
        Await.until("every process at the last revision " + last, Duration.ofSeconds(20),
                () -> nodes.stream().allMatch(n -> n.session.rev(1) == check.lastRev("tally")));
        last = check.lastRev("tally");
        List<Patch> logged = check.read("tally", 0);
        check.close();
        assertEquals(WRITES, host.tally.count, "no host increment lost");
        for (Node n : nodes) {
            assertEquals(valueOf(host), valueOf(n));
            assertTrue(n.log.stream().noneMatch(l -> l.contains("twice")), n.log.toString());
            for (Patch p : logged) {
                Patch mine = n.applied.get(p.rev());
                if (mine != null) assertEquals(p, mine, "revision " + p.rev() + " is the log's in every process");
            }
        }
        a.pump();
        b.pump();
        assertEquals(valueOf(host), ca.value(1));
        assertEquals(valueOf(host), cb.value(1));
        String notes = host.tally.note;
        System.out.printf("concurrent writers: %d host flushes + 2 x %d proposals -> %d revisions (%d proposals refused), final note %s%n",
                WRITES, WRITES, last, refused.get(), notes);
        for (String r : reasons) System.out.println("  refused: " + r);
    }

    @Test void aLateJoinerStartsFromTheStoredSnapshotAndTheLogAndAMirrorResumesThereFromTheLog() throws Exception {
        Node host = node();
        Node web = node();
        Client mirror = web.connect("m", new Client(), null);
        for (int i = 0; i < 120; i++) {
            host.tally.count++;
            host.session.flush();
        }
        Await.until("the web process at 120", Duration.ofSeconds(10), () -> {
            web.pump();
            return mirror.model(1, Tally.class).count == 120;
        });
        long mirrorRev = mirror.rev(1);
        for (int i = 0; i < 5; i++) {
            host.tally.count++;
            host.session.flush();
        }
        Backplane check = open();
        Await.until("a snapshot beyond the mirror's revision is stored", Duration.ofSeconds(10), () -> check.snapshot("tally").rev() > mirrorRev);
        long snapRev = check.snapshot("tally").rev();
        check.close();
        Node late = node();
        assertEquals(valueOf(host), valueOf(late), "the late joiner has the current value");
        AtomicInteger snapshots = new AtomicInteger();
        mirror.onChange(c -> { if (c.kind().equals("snapshot")) snapshots.incrementAndGet(); });
        web.disconnect("m");
        late.connect("m", mirror, mirror.revisions());
        assertEquals(valueOf(host), mirror.value(1));
        assertTrue(mirrorRev < snapRev, "the mirror's revision " + mirrorRev + " is older than the stored snapshot " + snapRev);
        assertEquals(0, snapshots.get(), "resumed from the shared log, without a snapshot");
    }
}
