package io.transports.jupyter;

import io.transports.Broadcaster;

import java.time.Duration;

/**
 * The notebook-wide controls: sync now, the background sync interval, and serving a Server or a Hub
 * to front ends over the raw {@code transports} comm.
 *
 * <pre>{@code
 * for (int i = 0; i < 100; i++) { model.progress = i; Jupyter.sync(); heavyStep(); }
 * Jupyter.syncInterval(Duration.ofMillis(50));
 * Jupyter.serve(server);   // a front end may now open a comm on target "transports"
 * Jupyter.serve("board", hub);            // comm_open data {"server": "board", "tenant": "alice"}
 * Jupyter.serve("alices", hub, "alice");  // every comm of it is tenant alice, whatever it says
 * }</pre>
 *
 * <p>Without any call, the changes a cell makes reach every view when each statement of the cell
 * has run, and changes made by other threads within one sync interval.
 */
public final class Jupyter {
    private Jupyter() {
    }

    /** Sends every change made so far to every view now; throws if a hosted model cannot be read. */
    public static void sync() {
        Notebook.current().syncAll();
    }

    /** The interval of the background sync (zero: off). */
    public static Duration syncInterval() {
        return SyncLoop.interval();
    }

    /** Sets the interval of the background sync; {@code Duration.ZERO} turns it off. */
    public static void syncInterval(Duration interval) {
        SyncLoop.interval(interval);
    }

    /**
     * Offers a {@code Server} or a {@code Hub} on the {@code transports} comm target (the default for
     * comms that name none).
     */
    public static void serve(Broadcaster server) {
        serve("default", server);
    }

    /**
     * Offers a {@code Server} or a {@code Hub} under {@code name}: a comm_open with data
     * {@code {"server": name}} reaches it. Each comm is one connection presenting the string fields of
     * its comm_open data as parameters, as a WebSocket URL's query does, so a hub whose tenant function
     * reads {@code conn.param("tenant")} serves the tenant the front end names
     * ({@code {"server": name, "tenant": "alice"}}); a comm whose tenant the hub cannot decide is
     * closed with the reason.
     */
    public static void serve(String name, Broadcaster server) {
        if (name == null || server == null) throw new IllegalArgumentException("Jupyter.serve needs a name and a server or hub");
        Notebook.current().serve(name, server, null);
    }

    /**
     * Offers a {@code Hub} under {@code name} with one fixed tenant: every comm of it presents
     * {@code tenant} as its {@code tenant} parameter, whatever its comm_open data says (a notebook that
     * shows one user's view, as {@code Widget.of(hub, tenant)} does).
     */
    public static void serve(String name, Broadcaster hub, String tenant) {
        if (name == null || hub == null || tenant == null) throw new IllegalArgumentException("Jupyter.serve needs a name, a hub and a tenant");
        Notebook.current().serve(name, hub, tenant);
    }
}
