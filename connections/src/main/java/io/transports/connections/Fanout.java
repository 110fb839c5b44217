package io.transports.connections;

import io.transports.Broadcaster;
import io.transports.Connection;
import io.transports.Frame;
import io.transports.Permissions;
import io.transports.Server;
import io.transports.Session;
import io.transports.codec.Codec;
import io.transports.codec.CodecException;
import io.transports.codec.Codecs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Fans a {@link Broadcaster}'s frames out to network connections: the meeting point of a {@link Server}
 * (one session) or a {@link io.transports.Hub} (tenants and shared models) and its sockets. Endpoints
 * attach connections here; {@link #sync()} (usually called by a {@link SyncLoop}) flushes and puts each frame
 * on the bounded queue of every connection that should get it; inbound frames go to the server and the
 * answers fan out the same way. Every call into the core and every enqueue happen under one lock, so
 * each connection sees its frames in the server's order (snapshots before the patches that follow
 * them); the sends themselves happen on a small pool, one frame at a time per connection, never on
 * the caller's thread.
 *
 * <pre>{@code
 * var fanout = new Fanout(session);                                     // or new Fanout(hub)
 * container.addEndpoint(WebSocketEndpoint.config(fanout, "/transports"));   // Jakarta WebSocket
 * context.addServlet(new ServletHolder(new SseServlet(fanout)), "/transports/events");
 * var loop = new SyncLoop(fanout).start();                                  // flush every 50 ms
 * }</pre>
 */
public final class Fanout implements AutoCloseable {
    /** A connection that went away, and why (a WebSocket close code and reason). */
    public record Disconnect(Handshake handshake, int code, String reason) {}

    private static final long STALL_NANOS = 1_000_000_000L;

    private final Broadcaster broadcaster;
    private final Object lock = new Object();
    /** The open connections, each with the broadcaster's view of it. */
    private final Map<Outbound, Attached> live = new LinkedHashMap<>();
    private final List<Consumer<Disconnect>> disconnectListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService senders;
    private final boolean ownsBroadcaster;
    private volatile ConnectionAccess access = ConnectionAccess.ALL;
    private volatile Limits limits = Limits.DEFAULT;
    private volatile Consumer<String> log = line -> System.err.println("transports: " + line);
    private volatile boolean closed;
    private volatile Consumer<Map<Long, Long>> resumeGate = since -> {};

    /**
     * A network connection as the broadcaster sees it: its codec, its {@link Permissions} (decided by
     * the access hook) and its handshake's query and user (a hub's tenant function reads them); the
     * frames the broadcaster has for it go onto its queue.
     */
    private final class Attached extends Connection {
        final Outbound outbound;

        Attached(Outbound o, String codec) {
            super(o.handshake.channel() + " " + o.handshake.path(), codec, o.permissions, o.handshake.query(), o.handshake.user());
            this.outbound = o;
        }

        @Override protected void deliver(List<Frame> frames) {
            int[] sizes = new int[frames.size()];
            for (int i = 0; i < sizes.length; i++) sizes[i] = frames.get(i).size();
            outbound.offer(frames, sizes, false);
        }

        /** The broadcaster can no longer encode for it: close it; its client reconnects and starts from snapshots. */
        @Override protected void dropped(String why) {
            outbound.close(Refusal.SERVER_ERROR, "cannot encode a frame for this connection; reconnect");
            Fanout.this.dropped(outbound, Refusal.SERVER_ERROR, why);
        }
    }

    /** A fanout with a new {@link Server} for this session; {@link #close()} closes that server too. */
    public Fanout(Session session) { this(new Server(session), true); }

    /**
     * A fanout for this broadcaster (a {@link Server} or a {@link io.transports.Hub}). Closing the fanout
     * leaves the broadcaster open (it is yours).
     */
    public Fanout(Broadcaster broadcaster) { this(broadcaster, false); }

    private Fanout(Broadcaster broadcaster, boolean ownsBroadcaster) {
        this.broadcaster = Objects.requireNonNull(broadcaster, "broadcaster");
        this.ownsBroadcaster = ownsBroadcaster;
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.senders = Executors.newFixedThreadPool(threads, daemonThreads("transports-send"));
    }

    public Broadcaster broadcaster() { return broadcaster; }

    /**
     * The server this fanout serves.
     *
     * @throws IllegalStateException when it serves a hub (use {@link #broadcaster()})
     */
    public Server server() {
        if (broadcaster instanceof Server s) return s;
        throw new IllegalStateException("this fanout serves a " + broadcaster.getClass().getSimpleName() + ", not a Server");
    }

    /** The session of the server this fanout serves (see {@link #server()}). */
    public Session session() { return server().session(); }

    /** Install the application's access hook (applies to connections opened from now on). */
    public Fanout setAccess(ConnectionAccess access) {
        this.access = access == null ? ConnectionAccess.ALL : access;
        return this;
    }

    /** Set the queue and frame bounds (apply to connections opened from now on). */
    public Fanout setLimits(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    public Limits limits() { return limits; }

    /** Where operator log lines go (refusals, cut-off connections, failures); by default standard error. */
    public Fanout setLog(Consumer<String> log) {
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

    /**
     * Called with a resuming connection's {@code since} before it is opened, outside the fanout's lock
     * and on the connecting thread: it may wait (bounded) for this process to catch up with revisions
     * the client got from another process, so the resume is answered with patches rather than a snapshot
     * (a backplane's replication provides one). Null: no wait. A gate that throws is logged and ignored.
     */
    public void holdResumes(Consumer<Map<Long, Long>> gate) { this.resumeGate = gate == null ? since -> {} : gate; }

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
            for (Outbound o : live.keySet()) if (o.busy(now, STALL_NANOS)) busy++;
            return busy / (double) live.size();
        }
    }

    /** Flush the session and queue the resulting patches on every connection that sees them. */
    public void sync() {
        synchronized (lock) {
            if (closed) return;
            Connection.deliverAll(broadcaster.sync());
        }
    }

    /** Close every connection whose sends have stalled past {@link Limits#stallMillis()} (the sync loop calls this). */
    void cutStalled() {
        synchronized (lock) {
            long now = System.nanoTime();
            for (Outbound o : List.copyOf(live.keySet())) o.cutIfStalled(now, o.limits().stallMillis() * 1_000_000L);
        }
    }

    /** Queue a keep-alive on every idle connection whose channel wants one (SSE). */
    void keepAlive() {
        synchronized (lock) {
            for (Outbound o : List.copyOf(live.keySet())) {
                if (o.channel.wantsKeepAlive() && o.queuedFrames() == 0) {
                    o.offer(List.of(Channel.KEEP_ALIVE), new int[] {Channel.KEEP_ALIVE.size()}, false);
                }
            }
        }
    }

    /**
     * Attach a connection: decide its permissions, open it on the server and queue its opening frames.
     *
     * @throws Refusal when access is denied, the codec is unknown or the fanout is closed
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
        Attached conn = new Attached(out, codec);
        if (since != null && !since.isEmpty()) {
            try {
                resumeGate.accept(since);
            } catch (RuntimeException e) {
                log.accept("the resume gate failed for " + handshake.channel() + " " + handshake.path() + ": " + e);
            }
        }
        synchronized (lock) {
            List<Frame> opening;
            try {
                opening = broadcaster.connect(conn, since);
            } catch (IllegalArgumentException e) { // a hub that cannot tell the tenant, say
                Connection.deliverAll(broadcaster.disconnect(conn));
                throw new Refusal(Refusal.POLICY, clip(e.getMessage(), 120));
            } catch (RuntimeException e) {
                Connection.deliverAll(broadcaster.disconnect(conn)); // never leave a half-open connection in the broadcast list
                throw e;
            }
            live.put(out, conn);
            if (channel.preamble() != null) {
                List<Frame> withPreamble = new ArrayList<>(opening.size() + 1);
                withPreamble.add(channel.preamble());
                withPreamble.addAll(opening);
                opening = withPreamble;
            }
            out.offer(opening, sizes(opening), true);
        }
        return out;
    }

    /** An inbound frame from a connection: hand it to the server, queue the answers. Never throws. */
    void receive(Outbound from, Frame frame) {
        synchronized (lock) {
            Attached conn = live.get(from);
            if (conn == null) return; // cut off, or closed: its frames no longer count
            try {
                Connection.deliverAll(broadcaster.receive(conn, frame));
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

    /** The fanout itself cut the connection off (overflow, failed send). */
    void dropped(Outbound o, int code, String reason) {
        log.accept("closing " + o + ": " + reason);
        forget(o, code, reason);
    }

    private void forget(Outbound o, int code, String reason) {
        Attached conn;
        synchronized (lock) {
            conn = live.remove(o);
            if (conn != null) Connection.deliverAll(broadcaster.disconnect(conn)); // a hub tells the others its awareness is gone
        }
        if (conn == null) return;
        Disconnect d = new Disconnect(o.handshake, code, reason == null ? "" : reason);
        for (Consumer<Disconnect> l : disconnectListeners) {
            try {
                l.accept(d);
            } catch (RuntimeException e) {
                log.accept("a disconnect listener failed: " + e);
            }
        }
    }

    /** Close every connection (code 1001), stop the senders, and close the server if this fanout made it. */
    @Override public void close() {
        List<Outbound> all;
        synchronized (lock) {
            closed = true;
            all = new ArrayList<>(live.keySet());
        }
        for (Outbound o : all) {
            o.close(1001, "server shutting down");
            forget(o, 1001, "server shutting down");
        }
        senders.shutdown();
        if (ownsBroadcaster) broadcaster.close(); // it stops listening to the session
    }

    private static int[] sizes(List<Frame> frames) {
        int[] s = new int[frames.size()];
        for (int i = 0; i < s.length; i++) s[i] = frames.get(i).size();
        return s;
    }

    private static String clip(String s, int max) {
        if (s == null) return "";
        return s.length() > max ? s.substring(0, max) + "..." : s;
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
