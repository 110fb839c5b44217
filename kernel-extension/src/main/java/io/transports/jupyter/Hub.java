package io.transports.jupyter;

import io.transports.Frame;
import io.transports.Server;
import org.dflib.jjava.jupyter.messages.MessageContext;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is live in this notebook: the servers that widgets and raw comms use (each flushed on every
 * sync) and the widgets themselves (listed to a reloaded page by the control comm). It also routes a
 * server's output, frames per connection, to the endpoints that carry them; frames for connections
 * that are not ours (a Server shared with another adapter) are left alone.
 */
final class Hub {
    /** Servers in use, with how many widgets and comms use each. Guarded by Kernel.LOCK. */
    private static final Map<Server, Integer> SERVERS = new IdentityHashMap<>();
    /** Live widgets by comm id, in creation order. Guarded by Kernel.LOCK. */
    private static final Map<String, Widget> WIDGETS = new LinkedHashMap<>();

    private Hub() {
    }

    /** The server in use for this session, or a new one. */
    static Server serverOf(io.transports.Session session) {
        if (session == null) throw new IllegalArgumentException("Widget.of(null): pass a Server, a Session or an object to show");
        synchronized (Kernel.LOCK) {
            for (Server s : SERVERS.keySet()) if (s.session() == session) return s;
        }
        return newServer(session);
    }

    /**
     * A server for a session the notebook did not give a server of its own. A model that cannot be
     * synced is reported under the running cell when a cell syncs, and once in the kernel log when
     * the background sync finds it (so a bad value does not flood the output every interval).
     */
    static Server newServer(io.transports.Session session) {
        Server server = new Server(session);
        server.onError(e -> {
            if (SyncLoop.isSyncThread()) Log.warn("a hosted model cannot be synced", e);
            else System.err.println("[transports] " + Log.describe(e));
        });
        return server;
    }

    static void attach(Server server) {
        synchronized (Kernel.LOCK) {
            SERVERS.merge(server, 1, Integer::sum);
        }
        SyncLoop.ensureStarted();
    }

    static void detach(Server server) {
        synchronized (Kernel.LOCK) {
            SERVERS.computeIfPresent(server, (s, n) -> n <= 1 ? null : n - 1);
        }
    }

    static void add(Widget w) {
        synchronized (Kernel.LOCK) {
            WIDGETS.put(w.modelId(), w);
        }
    }

    static void remove(Widget w) {
        synchronized (Kernel.LOCK) {
            WIDGETS.remove(w.modelId());
        }
    }

    static List<Widget> widgets() {
        synchronized (Kernel.LOCK) {
            return new ArrayList<>(WIDGETS.values());
        }
    }

    static boolean idle() {
        synchronized (Kernel.LOCK) {
            return SERVERS.isEmpty();
        }
    }

    /**
     * Flushes every server in use and delivers the patches. Throws the first failure (an Error
     * included) after trying every server, so one bad server does not hold back the others; one bad
     * model does not even fail its server's flush (the session reports it through the server's error
     * handler and flushes the other models).
     */
    static void syncAll() {
        Throwable first = null;
        synchronized (Kernel.LOCK) {
            for (Server server : new ArrayList<>(SERVERS.keySet())) {
                try {
                    dispatch(server.flush(), null);
                } catch (RuntimeException | Error e) { // an Error too: the next server still flushes
                    if (first == null) first = e;
                    else first.addSuppressed(e);
                }
            }
        }
        if (first instanceof RuntimeException e) throw e;
        if (first instanceof Error e) throw e;
    }

    /** Sends each connection its frames; one endpoint failing does not stop the others. */
    static void dispatch(Map<Object, List<Frame>> out, MessageContext parent) {
        if (out == null) return;
        synchronized (Kernel.LOCK) {
            for (Map.Entry<Object, List<Frame>> e : out.entrySet()) {
                if (!(e.getKey() instanceof Endpoint) || e.getValue() == null || e.getValue().isEmpty()) continue;
                try {
                    ((Endpoint) e.getKey()).deliver(e.getValue(), parent);
                } catch (RuntimeException ex) {
                    Log.warn("could not deliver to " + e.getKey(), ex);
                }
            }
        }
    }
}
