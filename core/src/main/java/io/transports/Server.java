package io.transports;

import io.transports.codec.Codec;
import io.transports.codec.CodecException;
import io.transports.codec.Codecs;
import io.transports.patch.Patch;
import io.transports.protocol.Ack;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Reject;
import io.transports.protocol.Snapshot;
import io.transports.value.Unicode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Serves a {@link Session} to connections, without doing any I/O: every method returns the frames to
 * send, per connection. Connections are opaque handles chosen by the adapter (a socket, a comm, or
 * just a name such as {@code "browser"}).
 *
 * <p>Each message is encoded once per codec and the same {@link Frame} goes to every connection of that
 * codec. Proposals are server-authoritative: an accepted one is echoed to every connection that can see
 * the model, the proposer included; a refused one gets a revert snapshot and a reject, to the proposer
 * only. A proposal's id ({@code "proposal"}) goes back to its proposer alone: on its copy of the echo,
 * on the reject, or in an {@code ack} when the accepted proposal changed nothing. All methods are synchronized, so adapters may call them from any thread.
 *
 * <p>A server hears every patch its session makes (host changes and accepted proposals alike), so
 * several servers may serve one session, and a {@code session.drain()} elsewhere takes nothing from
 * them. {@link #close()} a server you no longer use, so the session stops queueing patches for it.
 *
 * <pre>{@code
 * var server = new Server(session);
 * for (var frame : server.open("browser")) client.recv(frame);
 * for (var frame : server.flush().get("browser")) client.recv(frame);
 * }</pre>
 */
public final class Server implements Broadcaster {
    private final Session session;
    /** Patches the session made since the last flush; filled by a session listener, without this server's lock. */
    private final ConcurrentLinkedQueue<ModelPatch> pending = new ConcurrentLinkedQueue<>();
    private final Runnable unsubscribe;
    private final Map<Connection, Opened> connections = new LinkedHashMap<>();
    /** Connections opened through the handle methods ({@code open("browser")}), by handle, and back. */
    private final Map<Object, Connection> byHandle = new HashMap<>();
    private final Map<Connection, Object> handleOf = new HashMap<>();
    /**
     * The revision of each model's last broadcast patch. A patch at or below it (a replica reset to an
     * older stored state, see {@link Session#reset}) goes out as a snapshot instead: mirrors ignore a
     * patch with a revision they have.
     */
    private final Map<Long, Long> broadcastRevs = new HashMap<>();
    private Consumer<RuntimeException> errorHandler =
            e -> System.err.println("transports: " + e.getMessage());
    /**
     * The models every open connection has been told about: those hosted when this server was made
     * (each opening sends them) and those a flush has since announced with a snapshot. A model hosted
     * later is new to the connections opened before it, so the next flush sends them its snapshot.
     */
    private final Set<Long> announced = new HashSet<>();

    /**
     * What the server knows of one connection. {@code openedAt} (model id to rev) holds the revisions
     * its opening frames already brought it to; until the next flush, patches up to those revisions are
     * not sent to it again (null: nothing to hold back).
     */
    private record Opened(Map<Long, Long> openedAt) {
        static final Opened SETTLED = new Opened(null);

        /** Whether the opening frames already carried this revision of this model. */
        boolean covered(long id, long rev) {
            Long at = openedAt == null ? null : openedAt.get(id);
            return at != null && rev <= at;
        }
    }

    public Server(Session session) {
        if (session == null) throw new IllegalArgumentException("session is null");
        this.session = session;
        announced.addAll(session.ids()); // each opening sends these
        this.unsubscribe = session.onPatch((id, p) -> pending.add(new ModelPatch(id, p)));
    }

    /** Stop hearing the session's patches. Connections get nothing more from this server. */
    @Override public synchronized void close() {
        unsubscribe.run();
        pending.clear();
        connections.clear();
    }

    public Session session() { return session; }


    /** Where flush problems go (a hosted object whose state cannot travel); by default, standard error. */
    public synchronized void onError(Consumer<RuntimeException> handler) {
        this.errorHandler = handler == null ? e -> {} : handler;
    }


    /** Open a JSON connection by a handle of yours (a name such as {@code "browser"}); returns one snapshot per model it may see. */
    public List<Frame> open(Object conn) { return open(conn, null, null); }

    /** Open a connection by handle with a codec name from the table in docs/protocol.md (null or "" for JSON). */
    public List<Frame> open(Object conn, String codec) { return open(conn, codec, null); }

    /**
     * {@link #connect} by a handle of yours: the server makes a see-all JSON-or-{@code codec}
     * {@link Connection} for it and the other handle methods find it again (a {@link Connection} given
     * as the handle is used as it is). Handy in tests and snippets; adapters make {@link Connection}s.
     *
     * @throws CodecException for an unknown codec name (nothing is opened)
     */
    public synchronized List<Frame> open(Object handle, String codec, Map<Long, Long> since) {
        if (handle == null) throw new IllegalArgumentException("connection handle is null");
        if (handle instanceof Connection c) return connect(c, since);
        Connection previous = byHandle.get(handle);
        Connection c = new Connection(String.valueOf(handle), codec, Permissions.all());
        if (previous != null) forget(previous);
        byHandle.put(handle, c);
        handleOf.put(c, handle);
        return connect(c, since);
    }

    /**
     * Open (or re-open) a connection. With {@code since} (model id to the last rev the client holds),
     * only the patches after those revisions are sent, or a snapshot where the log no longer reaches.
     * Pending host changes are flushed into the session first, so the snapshots and replays are current;
     * the next {@link #flush()} broadcasts those patches to the other connections but not to this one,
     * which already has them: a connection receives each revision once, in order.
     *
     * @throws CodecException for an unknown codec name (nothing is opened)
     */
    @Override public synchronized List<Frame> connect(Connection conn, Map<Long, Long> since) {
        if (conn == null) throw new IllegalArgumentException("connection is null");
        Codec c = conn.codec();
        List<Frame> out = new ArrayList<>();
        Map<Long, Long> openedAt = new HashMap<>();
        for (long id : session.ids()) {
            if (!canSee(conn, id)) continue;
            Long have = since == null ? null : since.get(id);
            Optional<List<Patch>> replay = have == null ? Optional.empty() : session.since(id, have);
            if (replay.isPresent()) {
                for (Patch p : replay.get()) out.add(openingFrame(conn, c, id, new PatchMessage(id, p)));
                openedAt.put(id, replay.get().isEmpty() ? have : replay.get().get(replay.get().size() - 1).rev());
            } else {
                Snapshot snap = session.snapshot(id);
                out.add(openingFrame(conn, c, id, snap));
                openedAt.put(id, snap.rev());
            }
        }
        // Reading the session above may have flushed pending host changes: those patches are in `pending`
        // (the listener runs inside the session's lock, before since/snapshot return) and the opening
        // frames already carry them, so the next broadcast must skip them for this connection.
        // with no other connection open, every model is now announced to all of them: none needs its snapshot again
        if (connections.isEmpty() || connections.size() == 1 && connections.containsKey(conn)) announced.addAll(openedAt.keySet());
        connections.put(conn, new Opened(openedAt));
        return out;
    }


    /** Whether this handle (or {@link Connection}) is open. */
    public synchronized boolean isOpen(Object handle) {
        Connection c = find(handle);
        return c != null && connections.containsKey(c);
    }

    @Override public synchronized Set<Connection> connections() { return Set.copyOf(connections.keySet()); }

    /** Forget a connection by handle. Returns frames to send (none: a server has no awareness). */
    public synchronized Map<Object, List<Frame>> close(Object handle) {
        Connection c = find(handle);
        if (c != null) forget(c);
        return Map.of();
    }

    @Override public synchronized Map<Connection, List<Frame>> disconnect(Connection conn) {
        forget(conn);
        return Map.of();
    }

    private void forget(Connection c) {
        connections.remove(c);
        Object handle = handleOf.remove(c);
        if (handle != null) byHandle.remove(handle);
    }

    private Connection find(Object handle) {
        return handle instanceof Connection c ? c : byHandle.get(handle);
    }

    /** {@link #receive} by handle. */
    public synchronized Map<Object, List<Frame>> recv(Object handle, Frame frame) {
        Connection c = find(handle);
        if (c == null || !connections.containsKey(c)) throw new IllegalStateException("connection " + handle + " is not open; call open first");
        return byHandles(receive(c, frame));
    }

    /** Flush the session and return the patch messages to broadcast by handle, each encoded once per codec. */
    public synchronized Map<Object, List<Frame>> flush() { return byHandles(flushFrames()); }

    @Override public synchronized Map<Connection, List<Frame>> sync() { return flushFrames(); }

    /** The same frames keyed by the handles the connections were opened with. */
    private Map<Object, List<Frame>> byHandles(Map<Connection, List<Frame>> out) {
        Map<Object, List<Frame>> m = new LinkedHashMap<>();
        for (var e : out.entrySet()) m.put(handleOf.getOrDefault(e.getKey(), e.getKey()), e.getValue());
        return m;
    }

    private static boolean canSee(Connection c, long id) { return c.permissions().canSee(id); }

    private static String refusal(Connection c, long id) { return c.permissions().refusal(id); }

    /** A text frame from a connection. */
    public Map<Object, List<Frame>> recv(Object conn, String text) { return recv(conn, Frame.ofText(text)); }

    /** A binary frame from a connection. */
    public Map<Object, List<Frame>> recv(Object conn, byte[] bytes) { return recv(conn, Frame.ofBytes(bytes)); }

    /**
     * Handle one inbound frame: a proposal is submitted to the session. Returns the frames to send:
     * pending host patches first, then the echo to every connection that sees the model, or — if
     * refused — a snapshot and a reject to the proposer alone. Malformed frames get a reject with id 0.
     * Never throws for bad input.
     */
    @Override public synchronized Map<Connection, List<Frame>> receive(Connection conn, Frame frame) {
        if (!connections.containsKey(conn)) throw new IllegalStateException("connection " + conn + " is not open; call connect first");
        Connection c = conn;
        Message msg;
        try {
            msg = c.codec().decode(frame);
        } catch (RuntimeException e) { // a CodecException, or anything a custom codec throws: the frame is refused, never the caller
            String why = e instanceof CodecException ? e.getMessage() : "the " + c.codec().name() + " codec failed: " + e;
            return reject(conn, c, 0, 0, "malformed frame: " + why, null);
        }
        return receive(conn, msg);
    }

    /** A decoded message from an open connection (a {@link Hub} decodes once and hands private-model messages here). */
    synchronized Map<Connection, List<Frame>> receive(Connection conn, Message msg) {
        Connection c = conn;
        if (!(msg instanceof PatchMessage proposal)) {
            if (msg instanceof Snapshot || msg instanceof Reject || msg instanceof io.transports.protocol.Batch) {
                return reject(conn, c, idOf(msg), 0, "a client may only send patch messages (proposals), not '" + msg.t() + "'", null);
            }
            return Map.of(); // unknown kinds are ignored, as clients do
        }
        long id = proposal.id();
        if (!session.hosts(id) || !canSee(conn, id)) {
            return reject(conn, c, id, 0, "there is no model " + id, proposal.proposal());
        }
        String refusal = refusal(conn, id);
        SubmitResult result = refusal != null ? SubmitResult.refused(id, refusal) : session.submit(id, proposal.patch());
        Map<Connection, List<Frame>> out = flushFrames(); // pending host patches, then the accepted one, in rev order
        if (!result.accepted() && connections.containsKey(conn)) { // (a connection dropped by the broadcast gets nothing more)
            Snapshot snap = session.snapshot(id);
            List<Frame> mine = out.computeIfAbsent(conn, k -> new ArrayList<>());
            if (!(mine instanceof ArrayList)) out.put(conn, mine = new ArrayList<>(mine));
            Frame revert = encodeOrNull(c.codec(), snap);
            if (revert == null) { // its own state cannot reach it: start it over
                dropAll(out, Map.of(conn, "model " + id + " cannot be encoded in " + c.codec().name()));
                return out;
            }
            mine.add(revert);
            Frame why = encodeOrNull(c.codec(), new Reject(id, snap.rev(), Unicode.escapeLoneSurrogates(result.refusal()), proposal.proposal()));
            if (why != null) mine.add(why);
            return out;
        }
        // an accepted proposal's patch came through the session listener, after the pending host patches
        if (proposal.proposal() != null && connections.containsKey(conn)) answerProposer(out, conn, c.codec(), id, result.patch(), proposal.proposal());
        return out;
    }

    /**
     * Give the proposer of an accepted proposal its id back (docs/protocol.md "Proposal ids"): its copy of
     * the echo carries {@code proposal} (a frame of its own; every other connection keeps the shared frame
     * without it), or, when the proposal changed nothing and there is no echo, an ack at the current rev.
     */
    private static void answerProposer(Map<Connection, List<Frame>> out, Connection conn, Codec codec, long id, Patch patch, String proposalId) {
        List<Frame> mine = out.get(conn);
        List<Frame> copy = mine == null ? new ArrayList<>() : new ArrayList<>(mine); // never write into a shared list
        if (!patch.ops().isEmpty() && mine != null) {
            Frame plain = encodeOrNull(codec, new PatchMessage(id, patch));
            int at = plain == null ? -1 : copy.indexOf(plain); // the echo among this flush's frames (one per model and rev)
            Frame tagged = at < 0 ? null : encodeOrNull(codec, new PatchMessage(id, patch, proposalId));
            if (tagged != null) {
                copy.set(at, tagged);
                out.put(conn, copy);
                return;
            }
        }
        Frame ack = encodeOrNull(codec, new Ack(id, patch.rev(), proposalId)); // nothing echoed it to this connection
        if (ack == null) return; // (an echo this codec could not encode went out as a snapshot; the id cannot)
        copy.add(ack);
        out.put(conn, copy);
    }


    // ---- internals ----

    private Map<Connection, List<Frame>> flushFrames() {
        try {
            session.drain(); // the patches reach us through the listener; draining keeps the outbox small
        } catch (UnsyncableException e) {
            errorHandler.accept(e); // the other models' patches were emitted and are queued below
            session.takeOutbox();
        }
        // the patches stay pending until every codec has encoded them (only this method, under the lock, takes them)
        List<Message> msgs = new ArrayList<>();
        Map<Long, Long> fresh = announceNewModels(msgs); // snapshots of models hosted since the last flush
        broadcastRevs.putAll(fresh);
        int taken = 0;
        for (ModelPatch p : pending) {
            taken++;
            Long snapRev = fresh.get(p.id());
            if (snapRev != null && p.patch().rev() <= snapRev) continue; // its snapshot carries it
            Long last = broadcastRevs.put(p.id(), p.patch().rev());
            if (last != null && p.patch().rev() <= last && session.hosts(p.id())) msgs.add(session.snapshot(p.id())); // went back
            else msgs.add(new PatchMessage(p.id(), p.patch()));
        }
        Map<Connection, List<Frame>> out = new LinkedHashMap<>();
        if (msgs.isEmpty()) {
            for (int i = 0; i < taken; i++) pending.poll();
            settleOpenings();
            return out;
        }
        Map<Connection, String> dropped = connections.isEmpty() ? Map.of() : addBroadcast(out, msgs);
        for (int i = 0; i < taken; i++) pending.poll(); // exactly those encoded; later ones wait for the next flush
        settleOpenings(); // every patch emitted before an open has now been broadcast (or skipped)
        if (!dropped.isEmpty()) dropAll(out, dropped);
        return out;
    }

    /**
     * Add the messages for every connection that can see them, encoding each message once per codec.
     * With the default access rules, connections of one codec share one unmodifiable list.
     *
     * <p>Failure-atomic: every codec in use encodes every message before any connection is given a
     * frame. A message one codec cannot encode is replaced, for that codec's connections, by a snapshot
     * of its model (which they apply whatever its revision); when even that cannot be encoded, the
     * connections that would need it are returned to be dropped. No other connection loses anything.
     */
    private Map<Connection, String> addBroadcast(Map<Connection, List<Frame>> out, List<Message> msgs) {
        Map<Codec, Frame[]> encoded = new HashMap<>();
        Map<Codec, String[]> failures = new HashMap<>();
        for (Connection c : connections.keySet()) {
            encoded.computeIfAbsent(c.codec(), k -> encodeAll(k, msgs, failures));
        }
        Map<Connection, String> dropped = new LinkedHashMap<>();
        Map<Codec, List<Frame>> shared = new HashMap<>();
        for (var e : connections.entrySet()) {
            Connection conn = e.getKey();
            Codec codec = conn.codec();
            boolean everyoneSeesAll = conn.permissions().seesEveryModel();
            Frame[] frames = encoded.get(codec);
            String[] failed = failures.get(codec);
            if (failed != null) { // some message cannot reach this codec's connections: does this one need it?
                String why = null;
                for (int i = 0; i < msgs.size() && why == null; i++) {
                    if (failed[i] != null && (everyoneSeesAll || canSee(conn, idOf(msgs.get(i))))) why = failed[i];
                }
                if (why != null) {
                    dropped.put(conn, why);
                    continue;
                }
            }
            List<Frame> target = out.get(conn);
            Opened state = e.getValue();
            boolean justOpened = state.openedAt() != null;
            if (target == null && everyoneSeesAll && !justOpened) {
                out.put(conn, shared.computeIfAbsent(codec, k -> present(frames)));
                continue;
            }
            if (target == null) {
                target = new ArrayList<>();
                out.put(conn, target);
            } else if (!(target instanceof ArrayList)) {
                target = new ArrayList<>(target);
                out.put(conn, target);
            }
            for (int i = 0; i < msgs.size(); i++) {
                Message m = msgs.get(i);
                if (justOpened && m instanceof PatchMessage p && state.covered(p.id(), p.patch().rev())) continue; // its opening had it
                if (justOpened && m instanceof Snapshot snap && state.covered(snap.id(), snap.rev())) continue; // likewise
                if (frames[i] != null && (everyoneSeesAll || canSee(conn, idOf(m)))) target.add(frames[i]);
            }
            if (target.isEmpty()) out.remove(conn);
        }
        return dropped;
    }

    /**
     * Add a snapshot message for each model hosted since the last flush (and forget unhosted ones);
     * returns the revision of each snapshot by model id, so patches it already holds are not sent too.
     */
    private Map<Long, Long> announceNewModels(List<Message> msgs) {
        List<Long> ids = session.ids();
        announced.retainAll(ids);
        Map<Long, Long> fresh = new HashMap<>();
        for (long id : ids) {
            if (announced.add(id) && !connections.isEmpty()) {
                Snapshot snap = session.snapshot(id);
                msgs.add(snap);
                fresh.put(id, snap.rev());
            }
        }
        return fresh;
    }

    /** Forget what the openings covered: from now on every patch is new to every connection. */
    private void settleOpenings() {
        for (var e : connections.entrySet()) {
            if (e.getValue().openedAt() != null) e.setValue(Opened.SETTLED);
        }
    }

    /**
     * Every message in one codec. One that fails is replaced by its model's snapshot (logged); when that
     * fails too, its frame stays null and {@code failures} says why.
     */
    private Frame[] encodeAll(Codec codec, List<Message> msgs, Map<Codec, String[]> failures) {
        Frame[] frames = new Frame[msgs.size()];
        Map<Long, Frame> snapshots = null;
        for (int i = 0; i < msgs.size(); i++) {
            Message m = msgs.get(i);
            try {
                frames[i] = codec.encode(m);
                continue;
            } catch (RuntimeException e) {
                long id = idOf(m);
                String why = "model " + id + ": a patch cannot be encoded in " + codec.name() + ": " + e.getMessage();
                if (snapshots == null) snapshots = new HashMap<>();
                if (snapshots.containsKey(id)) {
                    frames[i] = null; // the snapshot already sent for this model holds this change too
                    if (snapshots.get(id) == null) failures.computeIfAbsent(codec, k -> new String[msgs.size()])[i] = why;
                    continue;
                }
                Frame snap = session.hosts(id) ? encodeOrNull(codec, session.snapshot(id)) : null;
                snapshots.put(id, snap);
                if (snap != null) {
                    frames[i] = snap;
                    errorHandler.accept(new IllegalStateException(why + "; its " + codec.name() + " connections get a snapshot instead"));
                } else {
                    failures.computeIfAbsent(codec, k -> new String[msgs.size()])[i] = why;
                    errorHandler.accept(new IllegalStateException(why + "; neither can its snapshot, so its "
                            + codec.name() + " connections are dropped (they reconnect and start from snapshots)"));
                }
            }
        }
        return frames;
    }

    /** Forget these connections, take back their frames and tell the adapter to close them. */
    private void dropAll(Map<Connection, List<Frame>> out, Map<Connection, String> dropped) {
        for (var d : dropped.entrySet()) {
            forget(d.getKey());
            out.remove(d.getKey());
        }
        for (var d : dropped.entrySet()) {
            try {
                d.getKey().dropped(d.getValue());
            } catch (RuntimeException e) {
                errorHandler.accept(new IllegalStateException("the drop handler failed for " + d.getKey() + ": " + e, e));
            }
        }
    }

    /** A frame of an opening: the message, or when the model cannot be encoded in this codec, a reject saying so (logged). */
    private Frame openingFrame(Connection conn, Codec codec, long id, Message m) {
        try {
            return codec.encode(m);
        } catch (RuntimeException e) {
            String why = "model " + id + " cannot be sent over " + codec.name() + ": " + e.getMessage();
            errorHandler.accept(new IllegalStateException("opening " + conn + ": " + why, e));
            Frame f = encodeOrNull(codec, new Reject(id, session.rev(id), Unicode.escapeLoneSurrogates(why)));
            return f != null ? f : codec.encode(new Reject(id, 0, "model " + id + " cannot be sent over " + codec.name()));
        }
    }

    /** The frames that exist (a message whose model's snapshot went out in its place has none), unmodifiable. */
    private static List<Frame> present(Frame[] frames) {
        List<Frame> l = new ArrayList<>(frames.length);
        for (Frame f : frames) if (f != null) l.add(f);
        return Collections.unmodifiableList(l);
    }

    private static Frame encodeOrNull(Codec codec, Message m) {
        try {
            return codec.encode(m);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A reject to the sender alone; its text never carries a lone surrogate, and a codec that cannot encode it is logged, not thrown. */
    private Map<Connection, List<Frame>> reject(Connection conn, Connection c, long id, long rev, String error, String proposalId) {
        Frame f = encodeOrNull(c.codec(), new Reject(id, rev, Unicode.escapeLoneSurrogates(error), proposalId));
        if (f == null) {
            errorHandler.accept(new IllegalStateException("a reject to " + conn + " cannot be encoded in " + c.codec().name() + ": " + error));
            return new LinkedHashMap<>();
        }
        return direct(conn, f);
    }

    static long idOf(Message m) {
        if (m instanceof PatchMessage p) return p.id();
        if (m instanceof Snapshot s) return s.id();
        if (m instanceof Reject r) return r.id();
        if (m instanceof Ack a) return a.id();
        return 0;
    }

    private Map<Connection, List<Frame>> direct(Connection conn, Frame f) {
        Map<Connection, List<Frame>> out = new LinkedHashMap<>();
        out.put(conn, new ArrayList<>(List.of(f)));
        return out;
    }
}
