package io.transports.jupyter;

import io.transports.Server;

import java.time.Duration;

/**
 * The notebook-wide controls: sync now, the background sync interval, and serving a Server to
 * front ends over the raw {@code transports} comm.
 *
 * <pre>{@code
 * for (int i = 0; i < 100; i++) { model.progress = i; Jupyter.sync(); heavyStep(); }
 * Jupyter.syncInterval(Duration.ofMillis(50));
 * Jupyter.serve(server);   // a front end may now open a comm on target "transports"
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

    /** Offers {@code server} on the {@code transports} comm target (the default for comms that name none). */
    public static void serve(Server server) {
        serve("default", server);
    }

    /** Offers {@code server} under {@code name}: a comm_open with data {@code {"server": name}} reaches it. */
    public static void serve(String name, Server server) {
        if (name == null || server == null) throw new IllegalArgumentException("Jupyter.serve needs a name and a server");
        Notebook.current().serve(name, server);
    }
}
