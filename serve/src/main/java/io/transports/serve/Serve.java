package io.transports.serve;

import io.transports.Broadcaster;
import io.transports.Session;
import io.transports.connections.Fanout;
import io.transports.connections.SyncLoop;
import jakarta.servlet.http.HttpServlet;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Serves a {@link Session} or any {@link Broadcaster} (a {@link io.transports.Hub}) in one call: embedded
 * Jetty on a loopback port with the widget page at {@code /} (every model the connection sees, editable),
 * the WebSocket endpoint at {@code /transports} and the SSE endpoint at {@code /transports/events}, and a
 * sync loop flushing every 50 ms.
 *
 * <pre>{@code
 * Served s = Serve.session(session);          // 127.0.0.1, a free port
 * s.url();                                    // http://127.0.0.1:PORT/ : open it and edit
 * Served h = Serve.hub(hub);                  // the page as a tenant: h.url() + "?tenant=alice"
 * Served p = new Serve().port(8080).start(session);   // options, then start
 * s.close();                                  // the port is free again; the session is still yours
 * }</pre>
 *
 * <p>Loopback by default, on purpose: the page lets whoever reaches it edit the served objects.
 * {@link #bind(String)} takes loopback addresses only; serving on another interface takes
 * {@link #bindPublic(String)}. On loopback, requests must name a loopback host (so a web page cannot
 * reach the server by rebinding its own host name to 127.0.0.1), and on any bind a browser's WebSocket or
 * SSE handshake must come from a page of this server (see {@link SameOriginOnly}).
 */
public final class Serve {
    private int port;
    private String host = "127.0.0.1";
    private boolean loopback = true;
    private Duration syncEvery = SyncLoop.DEFAULT_INTERVAL;
    private final List<String> pages = new ArrayList<>();
    private final Map<String, HttpServlet> routes = new LinkedHashMap<>();

    /** Serves this session on 127.0.0.1 and a free port; {@link Served#close()} stops serving it. */
    public static Served session(Session session) { return new Serve().start(session); }

    /**
     * Serves this hub (or any broadcaster) on 127.0.0.1 and a free port. The page passes its query
     * parameters to the endpoints, so {@code url() + "?tenant=alice"} is alice's page for a hub whose
     * tenant function reads {@code tenant}.
     */
    public static Served hub(Broadcaster hub) { return new Serve().start(hub); }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Serve port(int port) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port + " is not a TCP port (0 to 65535; 0 picks a free one)");
        this.port = port;
        return this;
    }

    /**
     * The loopback address to listen on (default 127.0.0.1; {@code ::1} or {@code localhost} also do).
     *
     * @throws IllegalArgumentException for an address that is not loopback: use {@link #bindPublic(String)}
     */
    public Serve bind(String address) {
        if (!isLoopback(address)) {
            throw new IllegalArgumentException("bind(\"" + address + "\"): not a loopback address. Anyone who reaches the page can edit the"
                    + " served objects; if that is what you want, call bindPublic(\"" + address + "\") instead");
        }
        this.host = address;
        this.loopback = true;
        return this;
    }

    /**
     * Listen on any address, such as {@code 0.0.0.0} for every interface: whoever reaches the port can see
     * and edit what is served, so put your own access control in front (or use {@code Fanout.setAccess}).
     */
    public Serve bindPublic(String address) {
        this.host = Objects.requireNonNull(address, "address");
        this.loopback = isLoopback(address);
        return this;
    }

    /** How often the sync loop flushes host changes to the connections (default 50 ms). */
    public Serve syncEvery(Duration interval) {
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("syncEvery(" + interval + "): must be positive");
        this.syncEvery = interval;
        return this;
    }

    /**
     * Also serve the files under this class-path directory (e.g. {@code "com/example/pages"}) at {@code /};
     * they are looked up before the widget page, so an {@code index.html} there replaces it. The widget
     * bundle stays at {@code /widget/client.js}.
     */
    public Serve pages(String classpathDirectory) {
        pages.add(ClasspathFiles.directory(classpathDirectory));
        return this;
    }

    /** Also serve this servlet at this exact path (e.g. {@code "/state"}). */
    public Serve route(String path, HttpServlet servlet) {
        if (!path.startsWith("/")) throw new IllegalArgumentException("route(\"" + path + "\"): a path starts with /");
        routes.put(path, Objects.requireNonNull(servlet, "servlet"));
        return this;
    }

    /** Start serving the session (a new {@link io.transports.Server} for it, closed with the {@link Served}). */
    public Served start(Session session) { return Served.start(this, new Fanout(Objects.requireNonNull(session, "session"))); }

    /** Start serving the broadcaster; closing the {@link Served} leaves the broadcaster open (it is yours). */
    public Served start(Broadcaster broadcaster) { return Served.start(this, new Fanout(Objects.requireNonNull(broadcaster, "broadcaster"))); }

    int port() { return port; }

    String host() { return host; }

    boolean loopback() { return loopback; }

    Duration syncEvery() { return syncEvery; }

    List<String> pages() { return List.copyOf(pages); }

    Map<String, HttpServlet> routes() { return Map.copyOf(routes); }

    /** True for a loopback address, or a host name (such as localhost) that resolves to loopback addresses only. */
    static boolean isLoopback(String address) {
        Objects.requireNonNull(address, "address");
        try {
            InetAddress[] all = InetAddress.getAllByName(address);
            for (InetAddress a : all) if (!a.isLoopbackAddress()) return false;
            return all.length > 0;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind(\"" + address + "\"): unknown host", e);
        }
    }
}
