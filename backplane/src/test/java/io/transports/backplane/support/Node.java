package io.transports.backplane.support;

import io.transports.Client;
import io.transports.Frame;
import io.transports.Server;
import io.transports.Session;
import io.transports.backplane.Backplane;
import io.transports.backplane.Replication;
import io.transports.patch.Patch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One "process" of the in-JVM replication tests: a session sharing the model "tally" (id 1) through
 * its own backplane handle (closed with the node), a core Server, and core Clients fed with the server's frames by
 * {@link #pump()}. Every patch the session makes or adopts is recorded by revision, so a test can check
 * that each process applied exactly what the shared log holds (a reload's jump to the stored snapshot
 * is left out: it is checked by the values).
 */
public final class Node implements AutoCloseable {
    public final Session session = new Session();
    public final Replication replication;
    public final Server server;
    public final Tally tally;
    public final Map<Long, Patch> applied = new ConcurrentHashMap<>();
    public final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * Revisions at which this node reloaded from the stored snapshot, by its tail or by a claim refused
     * after a data loss (the patch it emitted there is a jump, not the log's).
     */
    public final java.util.Set<Long> reloadedAt = ConcurrentHashMap.newKeySet();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    public Node(Backplane backplane, Replication.Options options) {
        session.onPatch((id, p) -> {
            if (reloadedAt.contains(p.rev())) return; // a reload's jump: checked by the values, not the log
            Patch before = applied.putIfAbsent(p.rev(), p);
            if (before != null && p.rev() > 0 && !before.equals(p)) log.add("revision " + p.rev() + " applied twice: " + before + " and " + p);
        });
        replication = new Replication(session, backplane, options);
        replication.onLog(line -> {
            var m = java.util.regex.Pattern.compile("(?:reloading from|jumping to) the stored snapshot at revision (\\d+)").matcher(line);
            if (m.find()) reloadedAt.add(Long.parseLong(m.group(1)));
            log.add(line);
        });
        tally = new Tally();
        replication.share("tally", 1, tally);
        server = new Server(session);
    }

    public static Replication.Options fast() {
        return Replication.Options.DEFAULT.withLease(Duration.ofMillis(600)).withSnapshotEvery(Duration.ofMillis(100)).withKeepPatches(50);
    }

    /** A mirror connected to this node's server (opened with {@code since} when given). */
    public synchronized Client connect(String name, Client mirror, Map<Long, Long> since) {
        clients.put(name, mirror);
        for (Frame f : server.open(name, null, since)) mirror.recv(f);
        return mirror;
    }

    public synchronized void disconnect(String name) {
        clients.remove(name);
        server.close(name);
    }

    /** Flush the server and hand every frame to its mirror. */
    public synchronized void pump() {
        deliver(server.flush());
    }

    /** Send a mirror's proposal frame to the server and deliver the answers. */
    public synchronized void propose(String name, Frame proposal) {
        deliver(server.recv(name, proposal));
    }

    private void deliver(Map<Object, List<Frame>> out) {
        for (var e : out.entrySet()) {
            Client c = clients.get((String) e.getKey());
            if (c != null) for (Frame f : new ArrayList<>(e.getValue())) c.recv(f);
        }
    }

    /** Close the server, the replication and this node's backplane handle. */
    @Override public void close() {
        server.close();
        replication.close();
        replication.backplane().close();
    }
}
