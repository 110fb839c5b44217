package io.transports;

import io.transports.bridge.Bridge;
import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import io.transports.patch.Apply;
import io.transports.patch.Diff;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.crdt.CrdtChange;
import io.transports.crdt.CrdtDocument;
import io.transports.crdt.CrdtJson;
import io.transports.crdt.CrdtMutation;
import io.transports.crdt.CrdtOp;
import io.transports.crdt.CrdtSpec;
import io.transports.crdt.PathSegment;
import io.transports.protocol.Ack;
import io.transports.protocol.Batch;
import io.transports.protocol.CrdtMessage;
import io.transports.protocol.CrdtSnapshot;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Reject;
import io.transports.protocol.Snapshot;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A mirror of the models a server sends (docs/protocol.md "Client rules"): snapshots initialise a model,
 * patches advance it, stale patches are ignored, and a frame that fails changes nothing. Edits are
 * proposals: the mirror changes only when the server's echo arrives.
 *
 * <p>Every proposal carries an id ({@code "proposal"}, {@code auto-1}, {@code auto-2}, ... unless the
 * caller names it) and stays pending until the server answers: its echo or an {@code ack} (accepted)
 * or a reject (refused). {@link #propose} returns it as a {@link Proposal} whose future completes
 * then; {@link #abandonPending} fails the pending ones when the connection goes away. An answer for an
 * id this client does not know (an ack from a newer server, an id it already abandoned) is ignored.
 *
 * <p>A mirror never stays silently wrong: when a patch fails to apply (or comes before any snapshot)
 * the mirror may have missed a revision, so the model is marked as needing a resync, the resync
 * listeners hear of it ({@link Resync}: model id and reason), and {@link #revisions()} leaves it out, so
 * the next resume gets a fresh snapshot; the snapshot clears the mark. A frame that cannot be read at
 * all could have been meant for any model, so every mirror is marked. Later patches still apply as
 * usual (the shared client rules), but the mark stays until a snapshot arrives. A patch that skips
 * revisions is not a failure: the server may merge a lagging connection's patches.
 *
 * <p>CRDT-backed models ({@code crdt_snapshot}, docs/protocol.md "CRDT documents") are mirrored by a
 * replica of the document instead: {@link #editCrdt} applies local edits at once and returns the
 * {@code crdt} frame to send; the operations stay in an outbox until the host echoes their dots (or
 * refuses them), a snapshot after a reconnect replays them on the host's state, and
 * {@link #pendingCrdtFrames()} are the frames to send again on reconnect, so nothing edited offline
 * is lost. {@link #expectCrdtSpec} makes a snapshot whose spec differs from this client's a clear error.
 *
 * <pre>{@code
 * var client = new Client();
 * for (var frame : server.open("browser")) client.recv(frame);
 * Device d = client.model(1, Device.class);
 * Frame proposal = client.edit(1, Transports.toValue(new Device("desk lamp", false)));
 * }</pre>
 */
public final class Client {
    /** One mirrored model. Immutable; replaced whole on every accepted change. */
    private record Mirror(String type, long rev, Value value) {}

    private final Codec codec;
    private final Map<Long, Mirror> mirrors = new LinkedHashMap<>();
    private final List<Consumer<Change>> changeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Reject>> rejectListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Resync>> resyncListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<io.transports.protocol.Awareness>> awarenessListeners = new CopyOnWriteArrayList<>();
    /** Other peers' awareness state per shared model, by peer id (docs/protocol.md "Awareness"). */
    private final Map<Long, Map<String, Value>> awareness = new LinkedHashMap<>();
    /** Models whose mirror needs a fresh snapshot, with the reason (insertion order). */
    private final Map<Long, String> needsResync = new LinkedHashMap<>();
    /** Proposals sent and not yet answered, by id, in the order they were made. */
    private final Map<String, CompletableFuture<Long>> pending = new LinkedHashMap<>();
    private long nextProposal = 1;
    /** CRDT-backed models: this client's replicas and their unechoed local operations. */
    private final CrdtMirrors crdt = new CrdtMirrors("java-" + java.util.UUID.randomUUID().toString().replace("-", ""));
    /** The prefix of the ids this client makes up; a caller's own ids may not use it. */
    private static final String AUTO = "auto-";

    /** A JSON client. */
    public Client() { this(null); }

    /** A client for a codec name of the table in docs/protocol.md. */
    public Client(String codec) { this.codec = Codecs.forName(codec); }

    public Optional<Change> recv(String text) { return recv(Frame.ofText(text)); }

    public Optional<Change> recv(byte[] bytes) { return recv(Frame.ofBytes(bytes)); }

    /**
     * Apply one frame. Returns the accepted change, or nothing for a stale patch, a reject (given to the
     * reject listeners) or an unknown message kind. A batch frame ({@code ?batch=1}) applies its
     * messages in order and returns the last accepted change; the change listeners hear each.
     *
     * Each of the failures below also marks the model (for a malformed frame, every model) as needing
     * a resync and tells the resync listeners, before it is thrown.
     *
     * @throws io.transports.codec.CodecException for a malformed frame
     * @throws io.transports.patch.PatchException for a patch with an invalid op
     * @throws IllegalStateException for a patch to a model with no snapshot yet
     */
    public Optional<Change> recv(Frame frame) {
        Message msg;
        try {
            msg = codec.decode(frame);
        } catch (RuntimeException e) {
            List<Long> all;
            synchronized (this) { all = List.copyOf(mirrors.keySet()); }
            for (long id : all) tellResync(flagResync(id, "a frame could not be read: " + e.getMessage()));
            throw e;
        }
        if (msg instanceof Batch batch) return recvBatch(batch);
        return recvOne(msg);
    }

    /**
     * The messages of a batch, in order, each exactly as if it had come in its own frame: a message that
     * fails changes nothing and is reported, the ones after it still apply, and the first failure is
     * thrown at the end. Returns the last accepted change (the listeners hear every one).
     */
    private Optional<Change> recvBatch(Batch batch) {
        Optional<Change> last = Optional.empty();
        RuntimeException first = null;
        for (Message m : batch.msgs()) {
            try {
                Optional<Change> c = recvOne(m);
                if (c.isPresent()) last = c;
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
        return last;
    }

    private Optional<Change> recvOne(Message msg) {
        Change change;
        Resync[] failed = new Resync[1]; // told to the listeners outside the lock, before the failure is thrown
        Settled[] settled = new Settled[1]; // a proposal this frame answers: completed outside the lock
        try {
            change = apply(msg, failed, settled);
        } catch (RuntimeException e) {
            if (settled[0] != null) settled[0].run(); // the server's answer stands even if our mirror failed
            if (failed[0] != null) tellResync(failed[0]);
            throw e;
        }
        if (settled[0] != null) settled[0].run();
        if (change == null) return Optional.empty();
        for (Consumer<Change> l : changeListeners) l.accept(change);
        return Optional.of(change);
    }

    /** An answer to one of this client's proposals: accepted at a rev, or refused. */
    private record Settled(CompletableFuture<Long> future, long rev, Reject refused) {
        void run() {
            if (refused == null) future.complete(rev);
            else future.completeExceptionally(new ProposalRejectedException(refused));
        }
    }

    /** The pending proposal this id names, taken out of the pending ones; null when unknown. */
    private Settled settle(String proposal, long rev, Reject refused) {
        if (proposal == null) return null;
        CompletableFuture<Long> f = pending.remove(proposal);
        return f == null ? null : new Settled(f, rev, refused);
    }

    /** Apply a decoded message to the mirrors; null when it changed nothing. */
    private synchronized Change apply(Message msg, Resync[] failed, Settled[] settled) {
        if (msg instanceof Snapshot s) {
            crdt.drop(s.id()); // the host no longer treats it as a CRDT document
            mirrors.put(s.id(), new Mirror(s.type(), s.rev(), s.value()));
            needsResync.remove(s.id()); // a fresh snapshot is what a resync waits for
            return new Change(s.id(), "snapshot", s.rev(), List.of(), s.value());
        }
        if (msg instanceof PatchMessage p) {
            settled[0] = settle(p.proposal(), p.patch().rev(), null); // the echo of one of ours, even if stale
            Mirror m = mirrors.get(p.id());
            if (m == null) {
                String why = "a patch for model " + p.id() + " arrived before its snapshot";
                failed[0] = flagResync(p.id(), why);
                throw new IllegalStateException(why);
            }
            if (p.patch().rev() <= m.rev()) return null; // already reflected
            Value next;
            try {
                next = Apply.apply(m.value(), p.patch().ops()); // throws before anything changes
            } catch (RuntimeException e) {
                failed[0] = flagResync(p.id(), "patch rev " + p.patch().rev() + " (mirror at rev " + m.rev()
                        + ") failed to apply: " + e.getMessage());
                throw e;
            }
            mirrors.put(p.id(), new Mirror(m.type(), p.patch().rev(), next));
            return new Change(p.id(), "patch", p.patch().rev(), p.patch().ops(), next);
        }
        if (msg instanceof CrdtSnapshot s) {
            CrdtDocument doc;
            try {
                doc = crdt.restore(s.id(), s.type(), s.spec(), s.state()); // throws before anything changes
            } catch (RuntimeException e) {
                failed[0] = flagResync(s.id(), "crdt_snapshot rev " + s.rev() + " refused: " + e.getMessage());
                throw e;
            }
            crdt.put(s.id(), doc);
            mirrors.put(s.id(), new Mirror(s.type(), s.rev(), doc.value()));
            needsResync.remove(s.id());
            return new Change(s.id(), "crdt_snapshot", s.rev(), List.of(), doc.value());
        }
        if (msg instanceof CrdtMessage c) {
            settled[0] = settle(c.proposal(), c.rev(), null);
            Mirror m = mirrors.get(c.id());
            CrdtDocument doc = crdt.doc(c.id());
            if (m == null || doc == null) {
                String why = "CRDT operations for model " + c.id() + " arrived before its crdt_snapshot";
                failed[0] = flagResync(c.id(), why);
                throw new IllegalStateException(why);
            }
            List<CrdtOp> ops;
            try {
                ops = crdt.read(c.ops());
                doc.merge(ops); // atomic: a refused batch changes nothing
            } catch (RuntimeException e) {
                failed[0] = flagResync(c.id(), "crdt rev " + c.rev() + " refused: " + e.getMessage());
                throw e;
            }
            crdt.settle(c.id(), ops);
            Value next = doc.value();
            mirrors.put(c.id(), new Mirror(m.type(), Math.max(m.rev(), c.rev()), next));
            return new Change(c.id(), "crdt", Math.max(m.rev(), c.rev()), List.of(), next);
        }
        if (msg instanceof Reject r) {
            crdt.settleRefused(r.id(), r.crdtOps()); // a revert snapshot follows and restores the host's state
            settled[0] = settle(r.proposal(), r.rev(), r);
            for (Consumer<Reject> l : rejectListeners) l.accept(r);
        }
        if (msg instanceof Ack a) settled[0] = settle(a.proposal(), a.rev(), null); // never changes the mirror
        if (msg instanceof io.transports.protocol.Awareness a && a.peer() != null) {
            Map<String, Value> peers = awareness.computeIfAbsent(a.id(), k -> new LinkedHashMap<>());
            if (a.state() == null) peers.remove(a.peer());
            else peers.put(a.peer(), a.state());
            if (peers.isEmpty()) awareness.remove(a.id());
            for (Consumer<io.transports.protocol.Awareness> l : awarenessListeners) l.accept(a);
        }
        return null;
    }

    /** The mirrored value of a model. */
    public synchronized Value value(long id) { return mirror(id).value(); }

    /** The revision the mirror holds. */
    public synchronized long rev(long id) { return mirror(id).rev(); }

    /** The type name the server gave the model. */
    public synchronized String type(long id) { return mirror(id).type(); }

    /** The ids of the mirrored models, in the order they arrived. */
    public synchronized List<Long> ids() { return List.copyOf(mirrors.keySet()); }

    /**
     * The last revision held per model, as a resume point for {@code Server.open(conn, codec, since)}.
     * Models that need a resync are left out, so the server sends them a snapshot.
     */
    public synchronized Map<Long, Long> revisions() {
        Map<Long, Long> out = new LinkedHashMap<>();
        mirrors.forEach((id, m) -> {
            if (!needsResync.containsKey(id)) out.put(id, m.rev());
        });
        return out;
    }

    /** The models whose mirror needs a fresh snapshot, with why (empty when every mirror is sound). */
    public synchronized Map<Long, String> needsResync() { return Map.copyOf(needsResync); }

    /** The mirrored value read into a Java class. */
    public <T> T model(long id, Class<T> type) { return Bridge.fromValue(value(id), type); }

    /**
     * A proposal frame that would take the mirror of {@code id} to {@code newValue}. The mirror is not
     * changed. The frame carries a proposal id, pending until answered (see {@link #propose}).
     */
    public Frame edit(long id, Value newValue) { return propose(id, newValue).frame(); }

    /** A proposal frame carrying these ops (its rev is the mirror's; the server ignores it), with a proposal id. */
    public Frame editOps(long id, List<Op> ops) { return proposeOps(id, ops).frame(); }

    /**
     * A proposal that would take the mirror of {@code id} to {@code newValue}: send its frame, and await
     * its outcome with {@link Proposal#accepted()}. Nothing is sent and the mirror is not changed.
     *
     * @throws NoSuchElementException when no snapshot of the model has arrived
     */
    public Proposal propose(long id, Value newValue) {
        Mirror m;
        synchronized (this) { m = mirror(id); }
        return proposeOps(id, Diff.diff(m.value(), newValue), null);
    }

    /** A proposal carrying these ops, under an id this client makes up. */
    public Proposal proposeOps(long id, List<Op> ops) { return proposeOps(id, ops, null); }

    /**
     * A proposal carrying these ops under the caller's {@code proposalId} (null: one this client makes
     * up). Useful when an answer must be matched to something of the caller's.
     *
     * @throws IllegalArgumentException when the id is already pending, or uses the prefix {@code auto-}
     *         kept for the ids this client makes up
     * @throws NoSuchElementException when no snapshot of the model has arrived
     */
    public Proposal proposeOps(long id, List<Op> ops, String proposalId) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        String pid;
        long rev;
        synchronized (this) {
            rev = mirror(id).rev();
            if (proposalId == null) {
                pid = AUTO + nextProposal++;
            } else if (proposalId.startsWith(AUTO)) {
                throw new IllegalArgumentException("proposal id '" + proposalId + "': the prefix '" + AUTO + "' is kept for ids the client makes up");
            } else if (pending.containsKey(proposalId)) {
                throw new IllegalArgumentException("proposal id '" + proposalId + "' is already pending");
            } else {
                pid = proposalId;
            }
            pending.put(pid, future);
        }
        Frame frame;
        try {
            frame = codec.encode(new PatchMessage(id, new Patch(rev, ops), pid));
        } catch (RuntimeException e) {
            synchronized (this) { pending.remove(pid); }
            throw e;
        }
        return new Proposal(pid, id, frame, future);
    }

    // ---- CRDT documents ----

    /**
     * Declares the merge rules this client expects for models of {@code type} (e.g.
     * {@code CrdtSpecs.of(Note.class)}): a {@code crdt_snapshot} of that type with another spec is refused
     * with an error naming both hashes, and the mirror stays as it was.
     */
    public synchronized void expectCrdtSpec(String type, CrdtSpec spec) { crdt.expect(type, spec); }

    /** The spec of a CRDT-backed model, empty for a plain one. */
    public synchronized Optional<CrdtSpec> crdtSpec(long id) {
        CrdtDocument doc = crdt.doc(id);
        return doc == null ? Optional.empty() : Optional.of(doc.spec());
    }

    /** This client's replica id in every CRDT document it edits. */
    public String crdtReplica() { return crdt.replica(); }

    /**
     * Applies local edits to the CRDT-backed model at once (the mirror's value changes now) and returns
     * the {@code crdt} frame to send (its {@code rev}: the mirror's revision when the batch was made;
     * the outbox resent after a reconnect goes at rev 0, as its operations were made earlier). The operations stay pending until the host echoes them.
     *
     * @throws NoSuchElementException when the model is not CRDT-backed (or has no snapshot yet)
     * @throws io.transports.crdt.CrdtException when an edit does not fit the spec; nothing changes
     */
    public Frame editCrdt(long id, List<CrdtMutation> mutations) {
        Frame frame;
        synchronized (this) {
            CrdtDocument doc = crdt.doc(id);
            if (doc == null) throw new NoSuchElementException("model " + id + " is not CRDT-backed");
            List<CrdtOp> ops = doc.edit(mutations);
            crdt.queue(id, ops);
            Mirror m = mirrors.get(id);
            mirrors.put(id, new Mirror(m.type(), m.rev(), doc.value()));
            // rev: the revision this replica held when it made the batch, so a hub knows what it has seen
            frame = codec.encode(new CrdtMessage(id, m.rev(), CrdtJson.toNode(ops, CrdtJson.Form.WIRE)));
        }
        return frame;
    }

    /** Inserts {@code text} at code point {@code index} of the collaborative text at {@code path}; see {@link #editCrdt}. */
    public Frame insertText(long id, List<PathSegment> path, int index, String text) {
        List<io.transports.value.Value> chars = new ArrayList<>();
        text.codePoints().forEach(cp -> chars.add(Value.of(new String(Character.toChars(cp)))));
        return editCrdt(id, List.of(new CrdtMutation.SequenceSplice(path, index, 0, chars)));
    }

    /** Deletes {@code count} code points from {@code index} of the collaborative text at {@code path}; see {@link #editCrdt}. */
    public Frame deleteText(long id, List<PathSegment> path, int index, int count) {
        return editCrdt(id, List.of(new CrdtMutation.SequenceSplice(path, index, count, List.of())));
    }

    /** The reducer state of this client's replica of a CRDT-backed model (the reference's state text). */
    public synchronized String crdtState(long id) {
        CrdtDocument doc = crdt.doc(id);
        if (doc == null) throw new NoSuchElementException("model " + id + " is not CRDT-backed");
        return doc.stateJson();
    }

    /** How many local CRDT operations of the model wait for the host's echo. */
    public synchronized int pendingCrdtOps(long id) { return crdt.pending(id); }

    /**
     * The frames to send after (re)connecting: per CRDT-backed model, one {@code crdt} frame with every
     * operation still pending. Sending them twice is harmless (operations are idempotent).
     */
    public synchronized List<Frame> pendingCrdtFrames() {
        List<Frame> out = new ArrayList<>();
        crdt.outbox().forEach((id, ops) -> out.add(codec.encode(new CrdtMessage(id, 0, CrdtJson.toNode(ops, CrdtJson.Form.WIRE)))));
        return out;
    }

    /** The ids of the proposals not answered yet, oldest first. */
    public synchronized List<String> pendingProposals() { return List.copyOf(pending.keySet()); }

    /**
     * The connection is gone (or this proposal's frame never went out): fail every pending proposal
     * with a {@link ProposalAbandonedException} saying {@code why}. Returns their ids, oldest first.
     */
    public List<String> abandonPending(String why) {
        List<Map.Entry<String, CompletableFuture<Long>>> gone;
        synchronized (this) {
            gone = new ArrayList<>(pending.entrySet());
            pending.clear();
        }
        List<String> ids = new ArrayList<>(gone.size());
        for (var e : gone) {
            ids.add(e.getKey());
            e.getValue().completeExceptionally(new ProposalAbandonedException(e.getKey(), why));
        }
        return ids;
    }

    /** Fail one pending proposal as abandoned (its frame could not be sent). Returns whether it was pending. */
    public boolean abandon(String proposalId, String why) {
        CompletableFuture<Long> f;
        synchronized (this) { f = pending.remove(proposalId); }
        if (f == null) return false;
        f.completeExceptionally(new ProposalAbandonedException(proposalId, why));
        return true;
    }

    /**
     * The frame that sets this client's awareness state on a shared model (who it is, what it looks at),
     * or removes it with null. {@code state} is a {@link Value} or plain data ({@code Map}, {@code List},
     * strings, numbers, booleans). Send it like a proposal; the hub relays it to the model's other
     * subscribers with this connection's peer id. It is never stored: after a reconnect, send it again.
     */
    public Frame setAwareness(long id, Object state) {
        Value v = state == null ? null : state instanceof Value given ? given : io.transports.codec.PlainData.fromPlain(state);
        return codec.encode(new io.transports.protocol.Awareness(id, v));
    }

    /**
     * Forget every other peer's awareness (call it when the connection closes: their removals can no
     * longer reach this client, and a hub sends the current states again on reconnect). Listeners hear
     * each as removed.
     */
    public void forgetPeers() {
        List<io.transports.protocol.Awareness> gone = new ArrayList<>();
        synchronized (this) {
            awareness.forEach((id, peers) -> peers.keySet().forEach(p -> gone.add(new io.transports.protocol.Awareness(id, null, p))));
            awareness.clear();
        }
        for (var a : gone) for (Consumer<io.transports.protocol.Awareness> l : awarenessListeners) l.accept(a);
    }

    /** The other peers' awareness state on a shared model, by peer id (empty when none). */
    public synchronized Map<String, Value> awareness(long id) {
        return Map.copyOf(awareness.getOrDefault(id, Map.of()));
    }

    /** Listen to other peers' awareness updates (a null state: that peer left or cleared it). Returns a handle that removes the listener. */
    public Runnable onAwareness(Consumer<io.transports.protocol.Awareness> listener) {
        awarenessListeners.add(listener);
        return () -> awarenessListeners.remove(listener);
    }

    /** Listen to accepted changes. Returns a handle that removes the listener. */
    public Runnable onChange(Consumer<Change> listener) {
        changeListeners.add(listener);
        return () -> changeListeners.remove(listener);
    }

    /** Listen to the server's rejects of this client's proposals. Returns a handle that removes the listener. */
    public Runnable onReject(Consumer<Reject> listener) {
        rejectListeners.add(listener);
        return () -> rejectListeners.remove(listener);
    }

    /**
     * Listen to mirrors that need a fresh snapshot (a patch failed to apply; see the class comment).
     * Called on the receiving thread, before {@link #recv} throws. Returns a handle that removes the listener.
     */
    public Runnable onResync(Consumer<Resync> listener) {
        resyncListeners.add(listener);
        return () -> resyncListeners.remove(listener);
    }

    private synchronized Resync flagResync(long id, String reason) {
        needsResync.put(id, reason);
        return new Resync(id, reason);
    }

    private void tellResync(Resync r) {
        for (Consumer<Resync> l : resyncListeners) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                System.err.println("transports: a resync listener failed on model " + r.id() + ": " + e);
            }
        }
    }

    private Mirror mirror(long id) {
        Mirror m = mirrors.get(id);
        if (m == null) throw new NoSuchElementException("no snapshot of model " + id + " has arrived");
        return m;
    }
}
