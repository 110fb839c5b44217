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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
public final class Server implements AutoCloseable {
    private final Session session;
    /** Patches the session made since the last flush; filled by a session listener, without this server's lock. */
    private final ConcurrentLinkedQueue<ModelPatch> pending = new ConcurrentLinkedQueue<>();
    private final Runnable unsubscribe;
    private final Map<Object, Connection> connections = new LinkedHashMap<>();
    /**
     * The revision of each model's last broadcast patch. A patch at or below it (a replica reset to an
     * older stored state, see {@link Session#reset}) goes out as a snapshot instead: mirrors ignore a
     * patch with a revision they have.
     */
    private final Map<Long, Long> broadcastRevs = new HashMap<>();
    private Access access = Access.ALL;
    private Consumer<RuntimeException> errorHandler =
            e -> System.err.println("transports: " + e.getMessage());

    /**
     * What the server knows of one connection. {@code openedAt} (model id to rev) holds the revisions
     * its opening frames already brought it to; until the next flush, patches up to those revisions are
     * not sent to it again (null: nothing to hold back).
     */
    private record Connection(Codec codec, String readOnlyReason, Map<Long, Long> openedAt) {
        Connection withReadOnly(String reason) { return new Connection(codec, reason, openedAt); }

        Connection settled() { return openedAt == null ? this : new Connection(codec, readOnlyReason, null); }

        /** Whether the opening frames already carried this revision of this model. */
        boolean covered(long id, long rev) {
            Long at = openedAt == null ? null : openedAt.get(id);
            return at != null && rev <= at;
        }
    }

    public Server(Session session) {
        if (session == null) throw new IllegalArgumentException("session is null");
        this.session = session;
        this.unsubscribe = session.onPatch((id, p) -> pending.add(new ModelPatch(id, p)));
    }

    /** Stop hearing the session's patches. Connections get nothing more from this server. */
    @Override public synchronized void close() {
        unsubscribe.run();
        pending.clear();
        connections.clear();
    }

    public Session session() { return session; }

    /** Install the application's access rules (who sees which model, who may propose). */
    public synchronized void setAccess(Access access) {
        this.access = access == null ? Access.ALL : access;
    }

    /** Where flush problems go (a hosted object whose state cannot travel); by default, standard error. */
    public synchronized void onError(Consumer<RuntimeException> handler) {
        this.errorHandler = handler == null ? e -> {} : handler;
    }

    /** Open a JSON connection; returns one snapshot per model it may see. */
    public List<Frame> open(Object conn) { return open(conn, null, null); }

    /** Open a connection with a codec name from the table in docs/protocol.md (null or "" for JSON). */
    public List<Frame> open(Object conn, String codec) { return open(conn, codec, null); }

    /**
     * Open (or re-open) a connection. With {@code since} (model id to the last rev the client holds),
     * only the patches after those revisions are sent, or a snapshot where the log no longer reaches.
     * Pending host changes are flushed into the session first, so the snapshots and replays are current;
     * the next {@link #flush()} broadcasts those patches to the other connections but not to this one,
     * which already has them: a connection receives each revision once, in order.
     *
     * @throws CodecException for an unknown codec name (nothing is opened)
     */
    public synchronized List<Frame> open(Object conn, String codec, Map<Long, Long> since) {
        if (conn == null) throw new IllegalArgumentException("connection handle is null");
        Codec c = Codecs.forName(codec);
        Connection previous = connections.get(conn);
        List<Frame> out = new ArrayList<>();
        Map<Long, Long> openedAt = new HashMap<>();
        for (long id : session.ids()) {
            if (!access.canSee(conn, id)) continue;
            Long have = since == null ? null : since.get(id);
            Optional<List<Patch>> replay = have == null ? Optional.empty() : session.since(id, have);
            if (replay.isPresent()) {
                for (Patch p : replay.get()) out.add(c.encode(new PatchMessage(id, p)));
                openedAt.put(id, replay.get().isEmpty() ? have : replay.get().get(replay.get().size() - 1).rev());
            } else {
                Snapshot snap = session.snapshot(id);
                out.add(c.encode(snap));
                openedAt.put(id, snap.rev());
            }
        }
        // Reading the session above may have flushed pending host changes: those patches are in `pending`
        // (the listener runs inside the session's lock, before since/snapshot return) and the opening
        // frames already carry them, so the next broadcast must skip them for this connection.
        connections.put(conn, new Connection(c, previous == null ? null : previous.readOnlyReason(), openedAt));
        return out;
    }

    /** Make a connection read-only (reason != null: its proposals are refused with that reason) or writable again (null). */
    public synchronized void setReadOnly(Object conn, String reason) {
        Connection c = connections.get(conn);
        if (c == null) throw new IllegalStateException("connection " + conn + " is not open");
        connections.put(conn, c.withReadOnly(reason));
    }

    public synchronized boolean isOpen(Object conn) { return connections.containsKey(conn); }

    public synchronized Set<Object> connections() { return Set.copyOf(connections.keySet()); }

    /** Forget a connection. Returns frames to send (none today; kept for symmetry with open and recv). */
    public synchronized Map<Object, List<Frame>> close(Object conn) {
        connections.remove(conn);
        return Map.of();
    }

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
    public synchronized Map<Object, List<Frame>> recv(Object conn, Frame frame) {
        Connection c = connections.get(conn);
        if (c == null) throw new IllegalStateException("connection " + conn + " is not open; call open first");
        Message msg;
        try {
            msg = c.codec().decode(frame);
        } catch (CodecException e) {
            return direct(conn, c.codec().encode(new Reject(0, 0, "malformed frame: " + e.getMessage())));
        }
        if (!(msg instanceof PatchMessage proposal)) {
            if (msg instanceof Snapshot || msg instanceof Reject) {
                return direct(conn, c.codec().encode(new Reject(idOf(msg), 0,
                        "a client may only send patch messages (proposals), not '" + msg.t() + "'")));
            }
            return Map.of(); // unknown kinds are ignored, as clients do
        }
        long id = proposal.id();
        if (!session.hosts(id) || !access.canSee(conn, id)) {
            return direct(conn, c.codec().encode(new Reject(id, 0, "there is no model " + id, proposal.proposal())));
        }
        String refusal = c.readOnlyReason() != null ? c.readOnlyReason() : access.refuseProposal(conn, id);
        SubmitResult result = refusal != null ? SubmitResult.refused(id, refusal) : session.submit(id, proposal.patch());
        Map<Object, List<Frame>> out = flushFrames(); // pending host patches, then the accepted one, in rev order
        if (!result.accepted()) {
            Snapshot snap = session.snapshot(id);
            List<Frame> mine = out.computeIfAbsent(conn, k -> new ArrayList<>());
            if (!(mine instanceof ArrayList)) out.put(conn, mine = new ArrayList<>(mine));
            mine.add(c.codec().encode(snap));
            mine.add(c.codec().encode(new Reject(id, snap.rev(), result.refusal(), proposal.proposal())));
            return out;
        }
        // an accepted proposal's patch came through the session listener, after the pending host patches
        if (proposal.proposal() != null) answerProposer(out, conn, c.codec(), id, result.patch(), proposal.proposal());
        return out;
    }

    /**
     * Give the proposer of an accepted proposal its id back (docs/protocol.md "Proposal ids"): its copy of
     * the echo carries {@code proposal} (a frame of its own; every other connection keeps the shared frame
     * without it), or, when the proposal changed nothing and there is no echo, an ack at the current rev.
     */
    private static void answerProposer(Map<Object, List<Frame>> out, Object conn, Codec codec, long id, Patch patch, String proposalId) {
        List<Frame> mine = out.get(conn);
        List<Frame> copy = mine == null ? new ArrayList<>() : new ArrayList<>(mine); // never write into a shared list
        if (!patch.ops().isEmpty() && mine != null) {
            Frame plain = codec.encode(new PatchMessage(id, patch));
            int at = copy.indexOf(plain); // the echo among this flush's frames (one per model and rev)
            if (at >= 0) {
                copy.set(at, codec.encode(new PatchMessage(id, patch, proposalId)));
                out.put(conn, copy);
                return;
            }
        }
        copy.add(codec.encode(new Ack(id, patch.rev(), proposalId))); // nothing echoed it to this connection
        out.put(conn, copy);
    }

    /** Flush the session and return the patch messages to broadcast, each encoded once per codec. */
    public synchronized Map<Object, List<Frame>> flush() { return flushFrames(); }

    // ---- internals ----

    private Map<Object, List<Frame>> flushFrames() {
        try {
            session.drain(); // the patches reach us through the listener; draining keeps the outbox small
        } catch (UnsyncableException e) {
            errorHandler.accept(e); // the other models' patches were emitted and are queued below
            session.takeOutbox();
        }
        List<Message> msgs = new ArrayList<>();
        for (ModelPatch p; (p = pending.poll()) != null; ) {
            Long last = broadcastRevs.put(p.id(), p.patch().rev());
            if (last != null && p.patch().rev() <= last && session.hosts(p.id())) msgs.add(session.snapshot(p.id())); // went back
            else msgs.add(new PatchMessage(p.id(), p.patch()));
        }
        Map<Object, List<Frame>> out = new LinkedHashMap<>();
        if (!msgs.isEmpty() && !connections.isEmpty()) addBroadcast(out, msgs);
        settleOpenings(); // every patch emitted before an open has now been broadcast (or skipped)
        return out;
    }

    /**
     * Add the messages for every connection that can see them, encoding each message once per codec.
     * With the default access rules, connections of one codec share one unmodifiable list.
     */
    private void addBroadcast(Map<Object, List<Frame>> out, List<Message> msgs) {
        Map<Codec, Frame[]> encoded = new HashMap<>();
        Map<Codec, List<Frame>> shared = new HashMap<>();
        boolean everyoneSeesAll = access == Access.ALL;
        for (var e : connections.entrySet()) {
            Object conn = e.getKey();
            Codec codec = e.getValue().codec();
            Frame[] frames = encoded.computeIfAbsent(codec, k -> new Frame[msgs.size()]);
            List<Frame> target = out.get(conn);
            Connection state = e.getValue();
            boolean justOpened = state.openedAt() != null;
            if (target == null && everyoneSeesAll && !justOpened) {
                List<Frame> all = shared.computeIfAbsent(codec, k -> {
                    List<Frame> l = new ArrayList<>(msgs.size());
                    for (int i = 0; i < msgs.size(); i++) l.add(frame(frames, i, k, msgs.get(i)));
                    return Collections.unmodifiableList(l);
                });
                out.put(conn, all);
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
                if (everyoneSeesAll || access.canSee(conn, idOf(m))) target.add(frame(frames, i, codec, m));
            }
            if (target.isEmpty()) out.remove(conn);
        }
    }

    /** Forget what the openings covered: from now on every patch is new to every connection. */
    private void settleOpenings() {
        for (var e : connections.entrySet()) {
            if (e.getValue().openedAt() != null) e.setValue(e.getValue().settled());
        }
    }

    private static Frame frame(Frame[] cache, int i, Codec codec, Message m) {
        Frame f = cache[i];
        if (f == null) cache[i] = f = codec.encode(m);
        return f;
    }

    private static long idOf(Message m) {
        if (m instanceof PatchMessage p) return p.id();
        if (m instanceof Snapshot s) return s.id();
        if (m instanceof Reject r) return r.id();
        if (m instanceof Ack a) return a.id();
        return 0;
    }

    private Map<Object, List<Frame>> direct(Object conn, Frame f) {
        Map<Object, List<Frame>> out = new LinkedHashMap<>();
        out.put(conn, new ArrayList<>(List.of(f)));
        return out;
    }
}
