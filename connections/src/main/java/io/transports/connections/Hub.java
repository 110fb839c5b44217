package io.transports.connections;

import io.transports.Access;
import io.transports.Frame;
import io.transports.Server;
import io.transports.Session;
import io.transports.codec.Codec;
import io.transports.codec.CodecException;
import io.transports.codec.Codecs;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The meeting point of a {@link Server} and its network connections. Endpoints attach connections
 * here; {@link #sync()} (usually called by a {@link SyncLoop}) flushes the session and puts each frame
 * on the bounded queue of every connection that should get it; inbound frames go to the server and the
 * answers fan out the same way. Every call into the core and every enqueue happen under one lock, so
 * each connection sees its frames in the server's order (snapshots before the patches that follow
 * them); the sends themselves happen on a small pool, one frame at a time per connection, never on
 * the caller's thread.
 *
 * <pre>{@code
 * var hub = new Hub(session);
 * container.addEndpoint(WebSocketEndpoint.config(hub, "/transports"));   // Jakarta WebSocket
 * context.addServlet(new ServletHolder(new SseServlet(hub)), "/transports/events");
 * var loop = new SyncLoop(hub).start();                                  // flush every 50 ms
 * }</pre>
 */
public final class Hub implements AutoCloseable {
    /** A connection that went away, and why (a WebSocket close code and reason). */
    public record Disconnect(Handshake handshake, int code, String reason) {}

    private static final long STALL_NANOS = 1_000_000_000L;

    private final Server server;
    private final Object lock = new Object();
    private final Set<Outbound> live = new LinkedHashSet<>();
    private final List<Consumer<Disconnect>> disconnectListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService senders;
    private final boolean ownsServer;
    private volatile ConnectionAccess access = ConnectionAccess.ALL;
    private volatile Limits limits = Limits.DEFAULT;
    private volatile Consumer<String> log = line -> System.err.println("transports: " + line);
    private volatile boolean closed;

    /** A hub with a new {@link Server} for this session; {@link #close()} closes that server too. */
    public Hub(Session session) { this(new Server(session), true); }

    /**
     * A hub for this server; from now on the hub owns the server's {@link Access} rules. Closing the hub
     * leaves the server open (it is yours).
     */
    public Hub(Server server) { this(server, false); }

    private Hub(Server server, boolean ownsServer) {
        this.server = Objects.requireNonNull(server, "server");
        this.ownsServer = ownsServer;
        server.setAccess(new Access() {
            @Override public boolean canSee(Object conn, long id) {
                return !(conn instanceof Outbound o) || o.permissions.canSee(id);
            }
            @Override public String refuseProposal(Object conn, long id) {
                return conn instanceof Outbound o ? o.permissions.refusal(id) : null;
            }
        });
        // a connection the server can no longer encode for is closed; its client reconnects and starts from snapshots
        server.onDrop((conn, why) -> {
            if (conn instanceof Outbound o) {
                o.close(Refusal.SERVER_ERROR, "cannot encode a frame for this connection; reconnect");
                dropped(o, Refusal.SERVER_ERROR, why);
            }
        });
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.senders = Executors.newFixedThreadPool(threads, daemonThreads("transports-send"));
    }

    public Server server() { return server; }

    public Session session() { return server.session(); }

    /** Install the application's access hook (applies to connections opened from now on). */
    public Hub setAccess(ConnectionAccess access) {
        this.access = access == null ? ConnectionAccess.ALL : access;
        return this;
    }

    /** Set the queue and frame bounds (apply to connections opened from now on). */
    public Hub setLimits(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    public Limits limits() { return limits; }

    /** Where operator log lines go (refusals, cut-off connections, failures); by default standard error. */
    public Hub setLog(Consumer<String> log) {
        this.log = log == null ? line -> {} : log;
        return this;
    }

    /** Write one operator log line (for the sync loop); a failing log consumer falls back to standard error. */
    void log(String line) {
        try {
            log.accept(line);
        } catch (RuntimeException e) {
            System.err.println("transports: " + line + " (the log consumer failed: " + e + ")");
        }
    }

    /** Listen to connections going away. Returns a handle that removes the listener. */
    public Runnable onDisconnect(Consumer<Disconnect> listener) {
        disconnectListeners.add(listener);
        return () -> disconnectListeners.remove(listener);
    }

    /** How many connections are open. */
    public int connectionCount() {
        synchronized (lock) { return live.size(); }
    }

    /**
     * The share of open connections (0 to 1) still sending or holding queued frames; connections that
     * have made no progress for a second (wedged) are not counted.
     */
    public double backlog() {
        synchronized (lock) {
            if (live.isEmpty()) return 0;
            int busy = 0;
            long now = System.nanoTime();
            for (Outbound o : live) if (o.busy(now, STALL_NANOS)) busy++;
            return busy / (double) live.size();
        }
    }

    /** Flush the session and queue the resulting patches on every connection that sees them. */
    public void sync() {
        synchronized (lock) {
            if (closed) return;
            fanOut(server.flush());
        }
    }

    /** Close every connection whose sends have stalled past {@link Limits#stallMillis()} (the sync loop calls this). */
    void cutStalled() {
        synchronized (lock) {
            long now = System.nanoTime();
            for (Outbound o : List.copyOf(live)) o.cutIfStalled(now, o.limits().stallMillis() * 1_000_000L);
        }
    }

    /** Queue a keep-alive on every idle connection whose channel wants one (SSE). */
    void keepAlive() {
        synchronized (lock) {
            for (Outbound o : List.copyOf(live)) {
                if (o.channel.wantsKeepAlive() && o.queuedFrames() == 0) {
                    o.offer(List.of(Channel.KEEP_ALIVE), new int[] {Channel.KEEP_ALIVE.size()}, false);
                }
            }
        }
    }

    /**
     * Attach a connection: decide its permissions, open it on the server and queue its opening frames.
     *
     * @throws Refusal when access is denied, the codec is unknown or the hub is closed
     */
    Outbound open(Channel channel, Handshake handshake, String codec, Map<Long, Long> since) throws Refusal {
        if (closed) throw new Refusal(1001, "server shutting down");
        Permissions permissions;
        try {
            permissions = access.decide(handshake);
        } catch (RuntimeException e) {
            log.accept("access hook failed for " + handshake.channel() + " " + handshake.path() + ": " + e);
            throw new Refusal(Refusal.SERVER_ERROR, "access check failed");
        }
        if (permissions == null || !permissions.admitted()) {
            String why = permissions == null ? "no permissions" : permissions.denial();
            throw new Refusal(Refusal.POLICY, "access denied: " + why);
        }
        Codec codecOfConnection;
        try {
            codecOfConnection = Codecs.forName(codec);
        } catch (CodecException e) {
            throw new Refusal(Refusal.POLICY, "unknown codec '" + clip(codec) + "': use json, msgpack or cbor");
        }
        Outbound out = new Outbound(channel, handshake, permissions, limits, senders, this, codecOfConnection);
        synchronized (lock) {
            List<Frame> opening;
            try {
                opening = server.open(out, codec, since);
            } catch (CodecException e) {
                server.close(out);
                throw new Refusal(Refusal.POLICY, "unknown codec '" + clip(codec) + "': use json, msgpack or cbor");
            } catch (RuntimeException e) {
                server.close(out); // never leave a half-open connection in the server's broadcast list
                throw e;
            }
            if (permissions.readOnlyReason() != null) server.setReadOnly(out, permissions.readOnlyReason());
            live.add(out);
            if (channel.preamble() != null) {
                List<Frame> withPreamble = new ArrayList<>(opening.size() + 1);
                withPreamble.add(channel.preamble());
                withPreamble.addAll(opening);
                opening = withPreamble;
            }
            out.offer(opening, sizes(opening, new IdentityHashMap<>()), true);
        }
        return out;
    }

    /** An inbound frame from a connection: hand it to the server, queue the answers. Never throws. */
    void receive(Outbound from, Frame frame) {
        synchronized (lock) {
            if (!live.contains(from)) return; // cut off, or closed: its frames no longer count
            try {
                fanOut(server.recv(from, frame));
            } catch (RuntimeException e) {
                log.accept("failed to handle a frame from " + from + ": " + e);
            }
        }
    }

    /** The channel closed (peer left, container closed it). */
    void closed(Outbound o, int code, String reason) {
        o.channelClosed();
        forget(o, code, reason);
    }

    /** The hub itself cut the connection off (overflow, failed send). */
    void dropped(Outbound o, int code, String reason) {
        log.accept("closing " + o + ": " + reason);
        forget(o, code, reason);
    }

    private void forget(Outbound o, int code, String reason) {
        boolean removed;
        synchronized (lock) {
            removed = live.remove(o);
            if (removed) server.close(o);
        }
        if (!removed) return;
        Disconnect d = new Disconnect(o.handshake, code, reason == null ? "" : reason);
        for (Consumer<Disconnect> l : disconnectListeners) {
            try {
                l.accept(d);
            } catch (RuntimeException e) {
                log.accept("a disconnect listener failed: " + e);
            }
        }
    }

    /** Close every connection (code 1001), stop the senders, and close the server if this hub made it. */
    @Override public void close() {
        List<Outbound> all;
        synchronized (lock) {
            closed = true;
            all = new ArrayList<>(live);
        }
        for (Outbound o : all) {
            o.close(1001, "server shutting down");
            forget(o, 1001, "server shutting down");
        }
        senders.shutdown();
        if (ownsServer) server.close(); // it stops listening to the session
    }

    private void fanOut(Map<Object, List<Frame>> out) {
        if (out.isEmpty()) return;
        Map<Frame, Integer> sizeCache = new IdentityHashMap<>();
        Map<List<Frame>, int[]> listCache = new IdentityHashMap<>(); // lists are shared per codec
        for (var e : out.entrySet()) {
            if (!(e.getKey() instanceof Outbound o) || e.getValue().isEmpty()) continue;
            int[] s = listCache.computeIfAbsent(e.getValue(), l -> sizes(l, sizeCache));
            o.offer(e.getValue(), s, false);
        }
    }

    private static int[] sizes(List<Frame> frames, Map<Frame, Integer> cache) {
        int[] s = new int[frames.size()];
        for (int i = 0; i < s.length; i++) s[i] = cache.computeIfAbsent(frames.get(i), Frame::size);
        return s;
    }

    private static String clip(String s) {
        if (s == null) return "";
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
