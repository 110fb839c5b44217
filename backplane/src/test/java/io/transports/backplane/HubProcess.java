package io.transports.backplane;

import io.transports.Client;
import io.transports.Connection;
import io.transports.Frame;
import io.transports.Hub;
import io.transports.Permissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One "process" of the hub replication tests: a {@link Hub} with its {@link HubReplication} on its own
 * backplane connection, and the mirrors connected to it. Frames the hub returns are fed to the mirrors
 * under one lock, so each mirror gets them in the order the hub produced them (as a socket would).
 */
final class HubProcess implements AutoCloseable {
    final Hub hub = new Hub(c -> c.param("tenant").orElseThrow());
    final HubReplication replication;
    final Backplane plane;
    final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<Connection, Client> mirrors = new LinkedHashMap<>();

    HubProcess(Backplane plane, Replication.Options options) {
        this.plane = plane;
        this.replication = new HubReplication(hub, plane, options);
        replication.onLog(log::add);
        replication.onChange(this::pump);
    }

    /** Open a mirror of {@code tenant} (resuming from {@code since} when given); returns its connection. */
    synchronized Connection connect(String tenant, Client mirror, Map<Long, Long> since) {
        Connection c = new Connection(tenant + "@" + System.identityHashCode(this), "json", Permissions.all(), Map.of("tenant", List.of(tenant)), null);
        mirrors.put(c, mirror);
        for (Frame f : hub.connect(c, since)) mirror.recv(f);
        return c;
    }

    synchronized void disconnect(Connection c) {
        mirrors.remove(c);
        feed(hub.disconnect(c));
    }

    /**
     * A frame from a mirror, then a flush: a hub sends accepted writes with its next sync
     * (docs/protocol.md "Accepted writes go out with the next flush"), which a served hub's sync loop
     * or the kernel runs right after; here it runs at once so the writer sees its outcome.
     */
    synchronized void receive(Connection c, Frame frame) {
        feed(hub.receive(c, frame));
        feed(hub.sync());
    }

    /** What the hub has for its connections now (adopted revisions, host writes). */
    synchronized void pump() { feed(hub.sync()); }

    private void feed(Map<Connection, List<Frame>> out) {
        for (var e : out.entrySet()) {
            Client m = mirrors.get(e.getKey());
            if (m != null) for (Frame f : e.getValue()) m.recv(f);
        }
    }

    @Override public void close() {
        replication.close();
        plane.close();
    }
}
