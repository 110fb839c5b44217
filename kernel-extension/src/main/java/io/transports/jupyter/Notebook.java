package io.transports.jupyter;

import com.google.gson.JsonObject;
import io.transports.Frame;
import io.transports.Broadcaster;
import io.transports.Connection;
import io.transports.Server;
import io.transports.Session;
import org.dflib.jjava.jupyter.messages.MessageContext;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * What is live in one kernel: the servers that widgets and raw comms use (each flushed on every
 * sync), the widgets (listed to a reloaded page by the control comm), the servers and hubs offered on
 * the raw {@code transports} target, and the one lock that every {@code Server} call and every outgoing comm
 * message holds. The lock keeps frames in the order the server produced them (a patch can never
 * overtake the one before it) and keeps sends from the sync thread apart from sends from the shell
 * thread, since JJava's CommManager is not thread-safe.
 *
 * <p>It also routes a server's output, frames per connection, to the endpoints that carry them: the
 * views of one widget share one comm, so a patch every view gets goes out once for all of them
 * ({@link ViewRouting}); frames for connections that are not ours (a Server shared with another
 * adapter) are left alone.
 *
 * <p>The running kernel has one ({@link #current()}); tests make their own with a fake comm opener.
 */
final class Notebook {
    /** Opens a widget's comm with the given comm_open data; null when no front end is connected. */
    interface CommOpener extends BiFunction<Widget, JsonObject, WidgetChannel> {
    }

    private static Notebook current;

    /** Held around every Server call whose frames are then sent, and around every send. */
    final Object lock = new Object();
    private final CommOpener opener;
    private final Consumer<Widget> onMade;
    private final Consumer<Widget> onRendered;
    /** Servers and hubs in use, with how many widgets and comms use each. Guarded by lock. */
    private final Map<Broadcaster, Integer> servers = new IdentityHashMap<>();
    /** Live widgets by comm id, in creation order. Guarded by lock. */
    private final Map<String, Widget> widgets = new LinkedHashMap<>();
    /**
     * What {@code Jupyter.serve} offered on the transports target under one name: a Server or a Hub,
     * and the tenant every comm of it is given (null: the comm's open data says, as a URL query would).
     */
    record Served(Broadcaster broadcaster, String tenant) {
    }

    /** Broadcasters offered on the transports target, by name. Guarded by lock. */
    private final Map<String, Served> served = new LinkedHashMap<>();
    private String lastServed;
    /** Where each of our connections' frames go. Guarded by lock. */
    private final Map<Connection, Endpoint> endpoints = new IdentityHashMap<>();
    private final Runnable onAttach;

    Notebook(CommOpener opener, Consumer<Widget> onMade, Consumer<Widget> onRendered, Runnable onAttach) {
        this.opener = opener;
        this.onMade = onMade;
        this.onRendered = onRendered;
        this.onAttach = onAttach;
    }

    /** The notebook of the running JJava kernel, made on first use. */
    static synchronized Notebook current() {
        if (current == null) {
            current = new Notebook(WidgetComm::open, CellDisplay::made, CellDisplay::rendered, SyncLoop::ensureStarted);
        }
        return current;
    }

    /** The kernel's notebook if one was made, else null (nothing to sync yet). */
    static synchronized Notebook ifMade() {
        return current;
    }

    // ---- servers ---------------------------------------------------------------------------------

    /** The server in use for this session, or a new one. */
    Server serverOf(Session session) {
        if (session == null) throw new IllegalArgumentException("Widget.of(null): pass a Server, a Session or an object to show");
        synchronized (lock) {
            for (Broadcaster b : servers.keySet()) if (b instanceof Server s && s.session() == session) return s;
        }
        return newServer(session);
    }

    /**
     * A server for a session the notebook did not give a server of its own. A model that cannot be
     * synced is reported under the running cell when a cell syncs, and once in the kernel log when
     * the background sync finds it (so a bad value does not flood the output every interval).
     */
    static Server newServer(Session session) {
        Server server = new Server(session);
        server.onError(e -> {
            if (SyncLoop.isSyncThread()) Log.warn("a hosted model cannot be synced", e);
            else System.err.println("[transports] " + Log.describe(e));
        });
        return server;
    }

    void attach(Broadcaster server) {
        synchronized (lock) {
            servers.merge(server, 1, Integer::sum);
        }
        onAttach.run();
    }

    void detach(Broadcaster server) {
        synchronized (lock) {
            servers.computeIfPresent(server, (s, n) -> n <= 1 ? null : n - 1);
        }
    }

    boolean idle() {
        synchronized (lock) {
            return servers.isEmpty();
        }
    }

    void serve(String name, Broadcaster broadcaster, String tenant) {
        synchronized (lock) {
            served.put(name, new Served(broadcaster, tenant));
            lastServed = name;
        }
    }

    /** What is offered under {@code name} (null: the one served last), or null. */
    Served served(String name) {
        synchronized (lock) {
            return served.get(name != null ? name : lastServed);
        }
    }

    List<String> servedNames() {
        synchronized (lock) {
            return new ArrayList<>(served.keySet());
        }
    }

    // ---- widgets ---------------------------------------------------------------------------------

    /** Opens the widget's comm (its comm_open carries {@code openData}); throws when no front end is there. */
    WidgetChannel openComm(Widget w, JsonObject openData) {
        synchronized (lock) {
            WidgetChannel c = opener.apply(w, openData);
            if (c == null) {
                throw new IllegalStateException("the kernel is not connected to a front end yet: create widgets from a notebook cell");
            }
            return c;
        }
    }

    void add(Widget w) {
        synchronized (lock) {
            widgets.put(w.modelId(), w);
        }
        onMade.accept(w);
    }

    void rendered(Widget w) {
        onRendered.accept(w);
    }

    void remove(Widget w) {
        synchronized (lock) {
            widgets.remove(w.modelId());
        }
    }

    List<Widget> widgets() {
        synchronized (lock) {
            return new ArrayList<>(widgets.values());
        }
    }

    // ---- sync and delivery -----------------------------------------------------------------------

    /**
     * Flushes every server in use and delivers the patches. Throws the first failure (an Error
     * included) after trying every server, so one bad server does not hold back the others; one bad
     * model does not even fail its server's flush (the session reports it through the server's error
     * handler and flushes the other models).
     */
    void syncAll() {
        Throwable first = null;
        synchronized (lock) {
            for (Broadcaster server : new ArrayList<>(servers.keySet())) {
                try {
                    dispatch(server.sync(), null);
                } catch (RuntimeException | Error e) { // an Error too: the next server still flushes
                    if (first == null) first = e;
                    else first.addSuppressed(e);
                }
            }
        }
        if (first instanceof RuntimeException e) throw e;
        if (first instanceof Error e) throw e;
    }

    /**
     * Flushes one broadcaster right after a view or comm handed it a proposal, so the answer goes out
     * now: a hub sends accepted shared writes with its next flush (docs/protocol.md "Hub"), and a
     * notebook's few views should not wait for the background sync (or forever, when it is off). A
     * flush failure (a hosted model that cannot be read) is logged, as the background sync does; the
     * proposal's own answer is unaffected.
     */
    void flushAfterProposal(Broadcaster server, MessageContext parent) {
        synchronized (lock) {
            try {
                dispatch(server.sync(), parent);
            } catch (RuntimeException e) {
                Log.warn("a hosted model cannot be synced", e);
            }
        }
    }

    /**
     * Keeps each widget's last synced values in its widget state ({@link SavedState}), so a notebook
     * saved with widget state shows them when the kernel is gone: at most every
     * {@link SavedState#EVERY_MS} ms (the background sync), or now ({@code now}: after a cell).
     */
    void saveStates(boolean now) {
        synchronized (lock) {
            for (Widget w : widgets.values()) {
                try {
                    w.saveState(now);
                } catch (RuntimeException e) {
                    Log.warn("could not keep the last values of " + w, e);
                }
            }
        }
    }

    /**
     * Sends each connection its frames; the views of one widget together (one broadcast for the
     * frames they all get). One endpoint failing does not stop the others.
     */
    void dispatch(Map<Connection, List<Frame>> out, MessageContext parent) {
        if (out == null || out.isEmpty()) return;
        synchronized (lock) {
            Map<Widget, Map<Connection, List<Frame>>> byWidget = new LinkedHashMap<>();
            for (Map.Entry<Connection, List<Frame>> e : out.entrySet()) {
                if (e.getValue() == null || e.getValue().isEmpty()) continue;
                Endpoint endpoint = endpoints.get(e.getKey());
                if (endpoint == null) continue; // another adapter's connection of a shared server
                Widget widget = endpoint.widget();
                if (widget != null) {
                    byWidget.computeIfAbsent(widget, k -> new LinkedHashMap<>()).put(e.getKey(), e.getValue());
                    continue;
                }
                try {
                    endpoint.deliver(e.getValue(), parent);
                } catch (RuntimeException ex) {
                    Log.warn("could not deliver to " + endpoint, ex);
                }
            }
            for (Map.Entry<Widget, Map<Connection, List<Frame>>> e : byWidget.entrySet()) {
                try {
                    e.getKey().deliver(e.getValue(), parent);
                } catch (RuntimeException ex) {
                    Log.warn("could not deliver to " + e.getKey(), ex);
                }
            }
        }
    }

    /** Make a connection whose frames go to {@code endpoint}; {@link #forget} it when it closes. */
    KernelConnection connection(String name, String codec, io.transports.Permissions permissions,
                                Map<String, List<String>> params, Endpoint endpoint) {
        KernelConnection c = new KernelConnection(name, codec, permissions, params, endpoint);
        synchronized (lock) {
            endpoints.put(c, endpoint);
        }
        return c;
    }

    void forget(Connection c) {
        synchronized (lock) {
            endpoints.remove(c);
        }
    }
}
