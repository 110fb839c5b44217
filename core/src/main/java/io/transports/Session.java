package io.transports;

import io.transports.bridge.BeanValidation;
import io.transports.bridge.Bridge;
import io.transports.bridge.BridgeException;
import io.transports.patch.Apply;
import io.transports.patch.Diff;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.patch.PatchException;
import io.transports.protocol.Snapshot;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Hosts ordinary Java objects and turns their changes into revisioned patches.
 *
 * <p>Plain Java objects cannot be observed, so {@link #flush()} compares each live object with its last
 * value and emits one coalesced patch per changed model. A mirror's edit comes in through
 * {@link #submit}: it is validated by reading the result back into the hosted object's type.
 *
 * <p>Thread-safety: hosted objects may be mutated from any thread; flush, submit and every other
 * method are serialized on the session's lock. A flush that races with a writer simply sees the
 * object before or after that write (a walk that met a collection mid-write is made again).
 *
 * <pre>{@code
 * var session = new Session();
 * var lamp = new Device("lamp");
 * long id = session.host(lamp);   // 1
 * lamp.on = true;
 * session.drain();                // [(1, {"rev":1,"ops":[{"Set":{"path":[{"Key":"on"}],"value":{"Bool":true}}}]})]
 * }</pre>
 */
public final class Session {
    /** Patches each model keeps for resume unless configured otherwise. */
    public static final int DEFAULT_LOG_CAPACITY = 512;

    private final Object lock = new Object();
    private final int logCapacity;
    private final Map<Long, HostedModel> models = new LinkedHashMap<>();
    private final List<ModelPatch> outbox = new ArrayList<>();
    private final List<BiConsumer<Long, Patch>> listeners = new CopyOnWriteArrayList<>();
    private long nextId = 1;
    private Sequencer sequencer;

    public Session() { this(DEFAULT_LOG_CAPACITY); }

    /** @param logCapacity patches retained per model for resume; older ones are dropped (a resume then gets a snapshot) */
    public Session(int logCapacity) {
        if (logCapacity < 0) throw new IllegalArgumentException("logCapacity must be >= 0, got " + logCapacity);
        this.logCapacity = logCapacity;
    }

    /** Host an object; returns its id (1, 2, ...). Fails if its state cannot travel. */
    public long host(Object object) {
        if (object == null) throw new IllegalArgumentException("cannot host null");
        synchronized (lock) {
            long id = nextId;
            HostedModel m = new HostedModel(id, object); // throws BridgeException before anything changes
            nextId++;
            models.put(id, m);
            return id;
        }
    }

    /**
     * Host an object under a chosen id at a chosen revision: a replica of a model whose revisions are
     * ordered elsewhere (see {@link Sequencer}), built from a snapshot at {@code rev}. Later plain
     * {@link #host(Object)} ids continue above it.
     */
    public void host(long id, Object object, long rev) {
        if (object == null) throw new IllegalArgumentException("cannot host null");
        if (id < 1) throw new IllegalArgumentException("model ids start at 1, got " + id);
        if (rev < 0) throw new IllegalArgumentException("rev must be >= 0, got " + rev);
        synchronized (lock) {
            if (models.containsKey(id)) throw new IllegalStateException("model " + id + " is already hosted");
            HostedModel m = new HostedModel(id, object);
            m.rev = rev;
            models.put(id, m);
            nextId = Math.max(nextId, id + 1);
        }
    }

    /**
     * Order this session's revisions through a sequencer (null: the session alone decides, as by default).
     * Every patch is claimed before it is emitted; see {@link Sequencer}.
     */
    public void setSequencer(Sequencer sequencer) {
        synchronized (lock) { this.sequencer = sequencer; }
    }

    /**
     * Apply a patch another process made to a model (its revision must be the next one). Only the places
     * the patch changes are written to the hosted object, so a host write elsewhere that is not flushed
     * yet survives; the patch is logged and given to the listeners (so servers send it on).
     *
     * @return false when the patch is not the next revision (already applied: rev too low; a gap: rev
     *         too high, the caller must reload the model from a snapshot)
     * @throws BridgeException if the patch does not fit the hosted type (nothing changes)
     */
    public boolean adopt(long id, Patch patch) {
        synchronized (lock) {
            HostedModel m = model(id);
            if (patch.rev() != m.rev + 1) return false;
            adoptLocked(m, patch);
            return true;
        }
    }

    /**
     * Bring a replica to a stored state it cannot reach by adopting patches (the shared log was trimmed
     * past it, or the store lost its data): the hosted object takes {@code value}, the model jumps to
     * {@code rev}, and one patch from the old value to the new one (carrying {@code rev}) goes to the
     * listeners, so live mirrors follow. The retained log is cleared: a resume from before this point
     * gets the sequencer's log or a snapshot.
     */
    public void reset(long id, Value value, long rev) {
        synchronized (lock) {
            HostedModel m = model(id);
            List<Op> ops = Diff.diff(m.tracker.value(), value);
            if (Bridge.canUpdateInPlace(m.object().getClass())) {
                Bridge.updateInPlace(m.object(), value, ops);
            } else {
                m.replace(Bridge.fromValue(value, m.object().getClass()), new ArrayList<>());
            }
            m.tracker.reset(value);
            m.rev = rev;
            m.clearLog();
            notifyListeners(id, new Patch(rev, ops));
        }
    }

    /** Stop hosting a model. Its mirrors keep their last state; it no longer changes. */
    public void unhost(long id) {
        synchronized (lock) {
            model(id);
            models.remove(id);
            outbox.removeIf(p -> p.id() == id);
        }
    }

    public List<Long> ids() {
        synchronized (lock) { return List.copyOf(models.keySet()); }
    }

    public boolean hosts(long id) {
        synchronized (lock) { return models.containsKey(id); }
    }

    /** The hosted object (after a record was replaced by {@link #set} or a proposal, the new one). */
    public Object hosted(long id) {
        synchronized (lock) { return model(id).object(); }
    }

    /** The hosted object, typed. */
    public <T> T hosted(long id, Class<T> type) { return type.cast(hosted(id)); }

    /** The name snapshots carry for this model's type. */
    public String typeName(long id) {
        synchronized (lock) { return model(id).typeName; }
    }

    /** The current revision of a model (pending changes are not counted until a flush). */
    public long rev(long id) {
        synchronized (lock) { return model(id).rev; }
    }

    /**
     * Find what changed in every hosted object since the last flush; emit one patch per changed model
     * with the next rev. The patches are returned, kept in the outbox for {@link #drain()}, logged for
     * resume and given to the listeners.
     *
     * @throws UnsyncableException after emitting the others, if some model's state cannot travel
     */
    public List<ModelPatch> flush() {
        synchronized (lock) {
            List<ModelPatch> emitted = new ArrayList<>();
            List<RuntimeException> errors = null;
            for (HostedModel m : models.values()) {
                try {
                    ModelPatch p = flushNamed(m);
                    if (p != null) emitted.add(p);
                } catch (BridgeException e) { // this model only: the others still flush
                    if (errors == null) errors = new ArrayList<>();
                    errors.add(e);
                }
            }
            if (errors != null) throw new UnsyncableException(errors);
            return emitted;
        }
    }

    /** Flush, then return and clear everything emitted since the last drain. */
    public List<ModelPatch> drain() {
        synchronized (lock) {
            flush();
            return takeOutbox();
        }
    }

    /** Return and clear the outbox without flushing (for servers that flushed and must not lose patches). */
    List<ModelPatch> takeOutbox() {
        synchronized (lock) {
            List<ModelPatch> out = List.copyOf(outbox);
            outbox.clear();
            return out;
        }
    }

    /** Flush one model now (for example after changing it from code that knows it did). */
    public List<ModelPatch> update(long id) {
        synchronized (lock) {
            ModelPatch p = flushNamed(model(id));
            return p == null ? List.of() : List.of(p);
        }
    }

    /**
     * Replace the hosted object (this is how records and other immutable objects change) and emit the
     * difference to the previous state at once, as a flush would. Atomic: if the new object cannot
     * travel, a BridgeException says where and the old object stays hosted.
     */
    public List<ModelPatch> set(long id, Object newObject) {
        if (newObject == null) throw new IllegalArgumentException("cannot host null");
        synchronized (lock) {
            HostedModel m = model(id);
            flushQuietly(m);
            if (sequencer == null) {
                List<Op> ops = new ArrayList<>();
                m.replace(newObject, ops);
                return ops.isEmpty() ? List.of() : List.of(emit(m, ops));
            }
            Value canonical = Bridge.toValue(newObject); // throws before anything changes
            for (int attempt = 1; ; attempt++) {
                List<Op> ops = Diff.diff(m.tracker.value(), canonical);
                if (ops.isEmpty()) return List.of();
                if (claimed(m, ops)) {
                    m.replace(newObject, new ArrayList<>());
                    return List.of(emit(m, ops));
                }
                if (attempt == CLAIM_ATTEMPTS) throw new IllegalStateException(
                        "model " + id + ": other processes claimed " + CLAIM_ATTEMPTS + " revisions in a row; set not applied");
            }
        }
    }

    /** A snapshot of a model at its current revision (pending changes are flushed first). */
    public Snapshot snapshot(long id) {
        synchronized (lock) {
            HostedModel m = model(id);
            flushQuietly(m);
            return new Snapshot(id, m.typeName, m.rev, m.tracker.value());
        }
    }

    /** The current value of a model (pending changes are flushed first). */
    public Value value(long id) { return snapshot(id).value(); }

    /**
     * The server-authoritative path for a proposal: apply it to a copy, validate by reading the result
     * into the hosted type, diff to the canonical value, assign the next rev and update the hosted
     * object in place (without an echo patch). Only the places the proposal changed are written, so a
     * host thread's write to another field since the last flush survives (the next flush sends it).
     * A refusal changes nothing and says why. The proposal's rev is ignored.
     */
    public SubmitResult submit(long id, Patch proposal) {
        synchronized (lock) {
            HostedModel m = models.get(id);
            if (m == null) return SubmitResult.refused(id, "there is no model " + id);
            for (int attempt = 1; ; attempt++) {
                SubmitResult r = submitOnce(m, proposal);
                if (r != null) return r;
                if (attempt == CLAIM_ATTEMPTS) return SubmitResult.refused(id, "other processes claimed "
                        + CLAIM_ATTEMPTS + " revisions of model " + id + " in a row; propose again");
            }
        }
    }

    /** Times a change is made again after another process claimed its revision, before giving up. */
    static final int CLAIM_ATTEMPTS = 64;

    /** One attempt of {@link #submit}; null when another process claimed the revision first (its patches are adopted). */
    private SubmitResult submitOnce(HostedModel m, Patch proposal) {
        long id = m.id;
        {
            flushQuietly(m);
            Value current = m.tracker.value();
            Value candidate;
            try {
                candidate = Apply.apply(current, proposal.ops());
            } catch (PatchException e) {
                return SubmitResult.refused(id, "invalid edit: " + e.getMessage());
            }
            Object replacement;
            Value canonical;
            try {
                replacement = Bridge.fromProposal(candidate, m.object().getClass()); // a required field left out is refused
                canonical = Bridge.toValue(replacement);
            } catch (BridgeException e) {
                return SubmitResult.refused(id, e.getMessage());
            } catch (RuntimeException e) {
                return SubmitResult.refused(id, "a " + m.typeName + " cannot hold this value: " + e.getMessage());
            }
            String broken = BeanValidation.newViolations(replacement, m.object()); // null without a provider
            if (broken != null) return SubmitResult.refused(id, broken);
            List<Op> ops = Diff.diff(current, canonical);
            if (ops.isEmpty()) return SubmitResult.accepted(id, new Patch(m.rev, List.of()));
            try {
                if (!claimed(m, ops)) return null; // re-applied and re-validated against the new state
            } catch (RuntimeException e) {
                return SubmitResult.refused(id, "this change could not be ordered with the other processes: " + e.getMessage());
            }
            try {
                if (Bridge.canUpdateInPlace(m.object().getClass())) {
                    Bridge.updateInPlace(m.object(), canonical, ops); // only what changed: host writes elsewhere stay
                } else {
                    m.replace(replacement, new ArrayList<>()); // its ops are the proposal's, sent below
                }
            } catch (BridgeException e) {
                return SubmitResult.refused(id, e.getMessage());
            }
            m.tracker.reset(canonical); // no echo: the next flush compares against the accepted value
            Patch p = new Patch(++m.rev, ops);
            m.record(p, logCapacity);
            notifyListeners(id, p);
            return SubmitResult.accepted(id, p);
        }
    }

    /**
     * The patches that take a mirror from {@code sinceRev} to the current revision, or empty when the
     * retained log no longer reaches back that far (send a snapshot instead).
     */
    public Optional<List<Patch>> since(long id, long sinceRev) {
        synchronized (lock) {
            HostedModel m = model(id);
            flushQuietly(m);
            if (sinceRev > m.rev || sinceRev < 0) return Optional.empty();
            List<Patch> own = m.since(sinceRev);
            if (own == null && sequencer != null) own = contiguous(sequencer.history(id, sinceRev, m.rev), sinceRev, m.rev);
            return Optional.ofNullable(own);
        }
    }

    /**
     * Call {@code listener(id, patch)} for every patch this session makes, host changes and accepted
     * proposals alike. Returns a handle that removes the listener.
     */
    public Runnable onPatch(BiConsumer<Long, Patch> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * {@link #flushOne}, with every failure one model's flush can survive (a BridgeException, any other
     * RuntimeException, a StackOverflowError or AssertionError from user code...) turned into a
     * BridgeException that names the model, so a caller can report it and carry on with the others.
     * Only failures of the whole VM (OutOfMemoryError, InternalError) pass through as they are.
     */
    private ModelPatch flushNamed(HostedModel m) {
        try {
            return flushOne(m);
        } catch (BridgeException e) {
            throw new BridgeException(e.path(), "model " + m.id + " (" + m.typeName + "): " + e.reason(), e);
        } catch (Throwable e) { // a checked exception too: user code can throw one sneakily
            if (e instanceof VirtualMachineError vm && !(e instanceof StackOverflowError)) throw vm;
            throw new BridgeException(Path.ROOT, "model " + m.id + " (" + m.typeName + "): its flush failed with " + e, e);
        }
    }

    /** Walks of one model made in a row when a writer thread races them (see {@link #flushOne}). */
    static final int RACE_ATTEMPTS = 4;
    /** How long a model's walks may keep meeting collections mid-write before that is reported. */
    static final long RACE_REPORT_NANOS = 10_000_000_000L;

    /**
     * Find and emit one model's changes. A hosted object may be changed by other threads while it is
     * walked, and a non-concurrent collection (ArrayList, HashMap, TreeMap) read mid-write can look
     * broken for a moment: it throws ConcurrentModificationException, runs past its end, or shows one
     * key twice. Nothing is adopted from a failed walk, so the walk is simply made again, a few times in
     * a row; a BridgeException that comes back every time is the object's own and is reported. A
     * collection that still looks mid-write after the last attempt is left for the next flush, unless
     * the model's walks have failed that way for {@link #RACE_REPORT_NANOS} on end: then it is reported
     * (a collection that always throws is not a race, and a writer that never pauses needs a
     * concurrent collection).
     */
    private ModelPatch flushOne(HostedModel m) {
        List<Op> ops = new ArrayList<>(0);
        boolean changed;
        int lostClaims = 0;
        for (int attempt = 1; ; attempt++) {
            Value before = m.tracker.value();
            try {
                changed = m.tracker.sync(ops);
                m.racingSince = 0;
                if (!changed || ops.isEmpty() || claimed(m, before, ops)) break;
                // another process claimed the revision: its patches are adopted; diff the host's changes again
                if (++lostClaims == CLAIM_ATTEMPTS) return null; // left for the next flush
                attempt = 0;
                ops.clear();
                continue;
            } catch (io.transports.bridge.DuplicateKeyException e) {
                // a real collision comes back on every walk; a map read mid-write shows it only now and then,
                // and a TreeMap's rebalancing can show it on several walks in a row: more walks, a pause between
                if (attempt >= RACE_ATTEMPTS * 4) throw e;
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            } catch (BridgeException e) {
                if (attempt == RACE_ATTEMPTS) throw e;
            } catch (ConcurrentModificationException | IndexOutOfBoundsException | NoSuchElementException
                     | NullPointerException | ClassCastException raced) {
                if (attempt == RACE_ATTEMPTS) {
                    long now = System.nanoTime();
                    if (m.racingSince == 0) m.racingSince = now;
                    else if (now - m.racingSince > RACE_REPORT_NANOS) {
                        m.racingSince = now; // reported once per period, not on every flush
                        throw new BridgeException(Path.ROOT, "every walk for " + RACE_REPORT_NANOS / 1_000_000_000L
                                + " s failed with " + raced + " (if another thread keeps writing a collection of"
                                + " this object, make it a concurrent one)", raced);
                    }
                    return null; // still mid-write: nothing adopted, retried next flush
                }
            }
            ops.clear();
            Thread.yield(); // give the writer a moment to finish what it was doing
        }
        if (!changed || ops.isEmpty()) return null;
        return emit(m, ops);
    }

    /** {@link #claimed(HostedModel, Value, List)} for a change not yet adopted by the tracker. */
    private boolean claimed(HostedModel m, List<Op> ops) { return claimed(m, null, ops); }

    /**
     * Ask the sequencer for the next revision. When another process has it, adopt that process's
     * patches (after putting the tracker back to {@code before}, the value the change was diffed
     * from, when the change was already adopted by it) and return false: the caller makes its change
     * again against the new state.
     */
    private boolean claimed(HostedModel m, Value before, List<Op> ops) {
        if (sequencer == null) return true;
        List<Patch> missed;
        try {
            missed = sequencer.claim(m.id, m.typeName, before != null ? before : m.tracker.value(), new Patch(m.rev + 1, ops));
        } catch (RuntimeException e) { // not ordered: nothing adopted, a host change is diffed again next flush
            if (before != null) m.tracker.reset(before);
            throw e;
        }
        if (missed == null) return true;
        if (missed.isEmpty()) throw new IllegalStateException("sequencer refused revision " + (m.rev + 1)
                + " of model " + m.id + " without the patches that claimed it");
        if (before != null) m.tracker.reset(before);
        for (Patch p : missed) {
            if (p.rev() <= m.rev) continue; // adopted meanwhile
            if (p.rev() != m.rev + 1 && !replacesWholeValue(p)) throw new IllegalStateException("sequencer skipped from revision "
                    + m.rev + " to " + p.rev() + " of model " + m.id);
            adoptLocked(m, p);
        }
        return false;
    }

    /** A patch of one Set at the root: it may jump revisions (the sequencer's log no longer holds those between). */
    private static boolean replacesWholeValue(Patch p) {
        return p.ops().size() == 1 && p.ops().get(0) instanceof Op.Set set && set.path().isRoot();
    }

    /** Apply a patch ordered elsewhere: write only its places into the object, log it, tell the listeners. */
    private void adoptLocked(HostedModel m, Patch patch) {
        Value candidate;
        try {
            candidate = Apply.apply(m.tracker.value(), patch.ops());
        } catch (PatchException e) {
            throw new BridgeException(Path.ROOT, "model " + m.id + ": revision " + patch.rev()
                    + " from the sequencer does not apply: " + e.getMessage(), e);
        }
        if (Bridge.canUpdateInPlace(m.object().getClass())) {
            // a whole-value jump (the stored snapshot, or this process's own re-seed) writes only the places that
            // differ, so host writes not flushed yet to other places survive it and are diffed again
            List<Op> places = replacesWholeValue(patch) ? Diff.diff(m.tracker.value(), candidate) : patch.ops();
            Bridge.updateInPlace(m.object(), candidate, places);
        } else {
            m.replace(Bridge.fromValue(candidate, m.object().getClass()), new ArrayList<>());
        }
        m.tracker.reset(candidate);
        m.rev = patch.rev();
        m.record(patch, logCapacity);
        notifyListeners(m.id, patch);
    }

    /** The patches if they are exactly revisions after..upTo in order, else null. */
    private static List<Patch> contiguous(List<Patch> patches, long after, long upTo) {
        if (patches == null) return null;
        List<Patch> out = new ArrayList<>();
        long next = after + 1;
        for (Patch p : patches) {
            if (p.rev() < next) continue;
            if (p.rev() != next || p.rev() > upTo) return null;
            out.add(p);
            next++;
        }
        return next == upTo + 1 ? out : null;
    }

    private ModelPatch emit(HostedModel m, List<Op> ops) {
        Patch p = new Patch(++m.rev, ops);
        m.record(p, logCapacity);
        ModelPatch mp = new ModelPatch(m.id, p);
        outbox.add(mp);
        notifyListeners(m.id, p);
        return mp;
    }

    /** Flush one model before reading it; a model that cannot travel keeps its last good value. */
    private void flushQuietly(HostedModel m) {
        try {
            flushNamed(m);
        } catch (BridgeException ignored) {
            // reported by the next flush(); reading the last good value is still correct
        }
    }

    private void notifyListeners(long id, Patch p) {
        for (BiConsumer<Long, Patch> l : listeners) {
            try {
                l.accept(id, p);
            } catch (RuntimeException e) {
                System.err.println("transports: a patch listener failed on model " + id + ": " + e);
            }
        }
    }

    private HostedModel model(long id) {
        HostedModel m = models.get(id);
        if (m == null) throw new NoSuchElementException("there is no model " + id + " in this session");
        return m;
    }
}
