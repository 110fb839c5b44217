package io.transports.backplane;

import io.transports.Sequencer;
import io.transports.Session;
import io.transports.bridge.Bridge;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.Value;
import io.transports.value.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Serves a {@link Session}'s shared models together with other processes through a {@link Backplane}.
 *
 * <p>Every process (web servers and the Java host alike) calls {@link #share} for the same model name
 * and id; the first one stores its object's value as the model's first snapshot, the others (and later
 * joiners) bring their object to the stored snapshot and the log after it. From then on every patch the
 * session makes for the model (a host change at a flush, an accepted proposal) is first appended to the
 * model's log under its revision; when another process took that revision first, the session adopts
 * that process's patches and makes its change again (see {@link Sequencer}). A tail thread adopts the
 * patches other processes append, so the session's servers send them to their connections (call
 * {@link #onChange} to flush them at once). A resume from a revision this process never saw is served
 * from the backplane's log. The snapshot writing and log trimming are done by one process at a time,
 * the holder of a lease ({@link SingletonWork}).
 */
public final class Replication implements AutoCloseable {
    /** Tuning; {@link #DEFAULT} suits most uses. */
    public record Options(Duration leaseTtl, Duration snapshotEvery, long keepPatches, Duration pollTimeout, String leaseName) {
        public static final Options DEFAULT = new Options(Duration.ofSeconds(5), Duration.ofSeconds(2), 10_000, Duration.ofMillis(500), "singleton");

        public Options withLease(Duration ttl) { return new Options(ttl, snapshotEvery, keepPatches, pollTimeout, leaseName); }

        public Options withSnapshotEvery(Duration d) { return new Options(leaseTtl, d, keepPatches, pollTimeout, leaseName); }

        public Options withKeepPatches(long n) { return new Options(leaseTtl, snapshotEvery, n, pollTimeout, leaseName); }
    }

    private final Session session;
    private final Backplane backplane;
    private final Options options;
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    private final Set<String> reloadWanted = ConcurrentHashMap.newKeySet();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final List<ResumeGate> gates = new CopyOnWriteArrayList<>();
    private final Thread tailer;
    private final SingletonWork singleton;
    private volatile Consumer<String> log = line -> System.err.println("transports backplane: " + line);
    private volatile boolean closed;
    private volatile Thread flusher;

    public Replication(Session session, Backplane backplane) { this(session, backplane, Options.DEFAULT); }

    public Replication(Session session, Backplane backplane, Options options) {
        this.session = session;
        this.backplane = backplane;
        this.options = options;
        session.setSequencer(new Sequencer() {
            @Override public List<Patch> claim(long id, String type, Value base, Patch patch) { return Replication.this.claim(id, type, base, patch); }

            @Override public List<Patch> history(long id, long sinceRev, long upToRev) { return Replication.this.history(id, sinceRev, upToRev); }
        });
        this.tailer = new Thread(this::tail, "transports-backplane-tail");
        tailer.setDaemon(true);
        tailer.start();
        this.singleton = new SingletonWork(this::states, this::report, backplane, options);
    }

    /** Where problems and lease changes are reported (by default standard error). */
    public void onLog(Consumer<String> sink) { this.log = sink == null ? line -> {} : sink; }

    /**
     * A gate for a fanout's resumes ({@code fanout.holdResumes(replication.resumeGate(Duration.ofSeconds(2)))}):
     * a client resuming with revisions this process has not adopted yet is held up to {@code max} until
     * it has, so it resumes from the log instead of getting a snapshot. See {@link ResumeGate}.
     */
    public ResumeGate resumeGate(Duration max) {
        ResumeGate gate = new ResumeGate(id -> names.containsKey(id) ? session.rev(id) : null, max, line -> log.accept(line));
        gates.add(gate);
        return gate;
    }

    /** Run after the tail thread adopted patches from other processes (for example {@code fanout::sync}). */
    public Runnable onChange(Runnable listener) {
        changeListeners.add(listener);
        return () -> changeListeners.remove(listener);
    }

    /**
     * Serve {@code object} as the shared model {@code name} under {@code id} in this session. The first
     * process to share a name stores its object's value; every later one (this call included, when the
     * name is known) has its object brought to the stored state. Returns the id.
     *
     * @throws BackplaneException when the backplane cannot be reached (nothing is hosted)
     */
    public long share(String name, long id, Object object) {
        if (ids.containsKey(name)) throw new IllegalStateException("model " + name + " is already shared here");
        StoredSnapshot stored = backplane.snapshot(name);
        if (stored == null) {
            backplane.create(name, new StoredSnapshot(Bridge.typeName(object.getClass()), 0, Bridge.toValue(object)));
            stored = backplane.snapshot(name);
            if (stored == null) throw new BackplaneException("model " + name + ": its first snapshot was not stored in " + backplane.describe());
        }
        Object hosted = bring(object, stored.value());
        session.host(id, hosted, stored.rev());
        names.put(id, name);
        ids.put(name, id);
        catchUp(name, id);
        return id;
    }

    /**
     * Share a model this session already hosts (for example one a notebook shows with
     * {@code Widget.of(session)}) as {@code name}. When the backplane has no state for the name yet, the
     * model's current value and revision become the stored snapshot; when it has, the stored state wins
     * and the model is brought to it (its mirrors get the difference).
     *
     * @throws BackplaneException when the backplane cannot be reached
     */
    public void publish(String name, long id) {
        if (ids.containsKey(name)) throw new IllegalStateException("model " + name + " is already shared here");
        if (!session.hosts(id)) throw new IllegalArgumentException("there is no model " + id + " in this session");
        names.put(id, name); // from now on its revisions are claimed (a first claim seeds the snapshot itself)
        ids.put(name, id);
        io.transports.protocol.Snapshot mine = session.snapshot(id);
        backplane.create(name, new StoredSnapshot(mine.type(), mine.rev(), mine.value()));
        StoredSnapshot stored = backplane.snapshot(name);
        if (stored == null) throw new BackplaneException("model " + name + ": its first snapshot was not stored in " + backplane.describe());
        long rev = session.rev(id);
        boolean same = stored.rev() == rev && stored.value().equals(session.value(id));
        boolean inTheLog = stored.rev() < rev && backplane.lastRev(name) >= rev; // our claims since the snapshot
        if (!same && !inTheLog) {
            session.reset(id, stored.value(), stored.rev()); // the stored state wins
            changed();
        }
        catchUp(name, id);
    }

    /** The id under which a shared model is hosted here, or null. */
    public Long idOf(String name) { return ids.get(name); }

    public Session session() { return session; }

    public Backplane backplane() { return backplane; }

    /** The fencing token of the singleton lease while this process holds it, else 0. */
    public long leaseToken() { return singleton.token(); }

    /**
     * Flush the session every {@code period} on a thread of its own (for a host process that has no
     * server flushing it): host changes to shared models are then appended for the other processes.
     */
    public synchronized void flushEvery(Duration period) {
        if (flusher != null) return;
        Thread t = new Thread(() -> {
            while (!closed) {
                try {
                    session.flush();
                } catch (RuntimeException e) {
                    log.accept("flush failed: " + e.getMessage());
                }
                try {
                    Thread.sleep(period.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "transports-backplane-flush");
        t.setDaemon(true);
        t.start();
        flusher = t;
    }

    /** The current state of every shared model, by name (for the singleton work). */
    private Map<String, StoredSnapshot> states() {
        Map<String, StoredSnapshot> out = new LinkedHashMap<>();
        for (var e : ids.entrySet()) {
            io.transports.protocol.Snapshot s = session.snapshot(e.getValue());
            out.put(e.getKey(), new StoredSnapshot(s.type(), s.rev(), s.value()));
        }
        return out;
    }

    void report(String line) { log.accept(line); }

    /**
     * Stop tailing, flushing and the lease work (the lease is released) and take the sequencer off the
     * session, which then goes on alone. The backplane stays open: it is the caller's to close.
     */
    @Override public void close() {
        closed = true;
        tailer.interrupt();
        Thread f = flusher;
        if (f != null) f.interrupt();
        singleton.close();
        session.setSequencer(null);
        try {
            tailer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the sequencer (called under the session's lock: no calls back into the session) ----

    private List<Patch> claim(long id, String type, Value base, Patch patch) {
        String name = names.get(id);
        if (name == null) return null; // a model of this process alone
        try {
            return backplane.append(name, patch, new StoredSnapshot(type, patch.rev() - 1, base));
        } catch (LogGapException e) {
            log.accept(e.getMessage());
            // this process is behind a trimmed log, or the store lost its data and the model was re-seeded above it: jump to the stored snapshot (one Set at the root) and
            // the log after it, then the session makes its change again on top
            StoredSnapshot snap = backplane.snapshot(name);
            if (snap == null || snap.rev() < patch.rev()) {
                reloadWanted.add(name); // the tail thread reloads it
                throw e;
            }
            log.accept("model " + name + ": jumping to the stored snapshot at revision " + snap.rev() + " before claiming again");
            List<Patch> jump = new ArrayList<>();
            jump.add(new Patch(snap.rev(), List.of(new Op.Set(Path.ROOT, snap.value()))));
            jump.addAll(backplane.read(name, snap.rev()));
            return jump;
        }
    }

    /**
     * The shared log's patches after {@code sinceRev} up to {@code upToRev}, this replica's revision. The
     * log is usually ahead of a replica that is still tailing it; the later patches are not this
     * session's yet (it will apply and send them itself), and handing them over made the session see a
     * gap-free run that overshoots its revision and answer the resume with a snapshot.
     */
    private List<Patch> history(long id, long sinceRev, long upToRev) {
        String name = names.get(id);
        if (name == null) return null;
        try {
            List<Patch> upTo = new ArrayList<>();
            for (Patch p : backplane.read(name, sinceRev)) if (p.rev() <= upToRev) upTo.add(p);
            return upTo;
        } catch (BackplaneException e) {
            log.accept("resume from the log failed (a snapshot is sent instead): " + e.getMessage());
            return null;
        }
    }

    // ---- the tail thread ----

    private void tail() {
        long backoff = 100;
        boolean down = false;
        while (!closed) {
            try {
                for (String name : List.copyOf(reloadWanted)) {
                    reloadWanted.remove(name);
                    reload(name);
                }
                Map<String, Long> after = new LinkedHashMap<>();
                for (var e : ids.entrySet()) after.put(e.getKey(), session.rev(e.getValue()));
                if (after.isEmpty()) { // nothing shared yet: look again soon (share() catches up by itself)
                    Thread.sleep(20);
                    continue;
                }
                Map<String, List<Patch>> got = backplane.await(after, options.pollTimeout());
                if (down) {
                    log.accept("backplane " + backplane.describe() + " is reachable again");
                    down = false;
                    backoff = 100;
                    for (String name : ids.keySet()) catchUp(name, ids.get(name));
                }
                boolean adopted = false;
                for (var e : got.entrySet()) adopted |= adoptAll(e.getKey(), ids.get(e.getKey()), e.getValue());
                if (adopted) changed();
            } catch (InterruptedException e) {
                return;
            } catch (BackplaneException e) {
                if (closed) return;
                if (!down) log.accept(e.getMessage() + " (retrying)");
                down = true;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(2000, backoff * 2);
            } catch (RuntimeException e) {
                if (closed) return;
                log.accept("tailing failed: " + e);
            }
        }
    }

    /** Adopt patches in order; a gap (the log was trimmed past us) reloads the model. */
    private boolean adoptAll(String name, Long id, List<Patch> patches) {
        if (id == null) return false;
        boolean adopted = false;
        for (Patch p : patches) {
            if (session.adopt(id, p)) {
                adopted = true;
                continue;
            }
            // not the next revision: ours or adopted at a claim meanwhile (fine), or a gap (reload)
            if (p.rev() > session.rev(id) + 1) {
                reload(name);
                return true;
            }
        }
        return adopted;
    }

    /**
     * Adopt what the log holds after this process's revision. The gap test is adoptAll's, made against
     * the session's revision at the time of each patch: the session goes on claiming while the read is
     * under way, and comparing the log's first patch with the revision read again afterwards took a
     * host that had just claimed more for one behind a trimmed log, and the reload that followed wrote
     * the stored snapshot over a host change not flushed yet (RedisRestartTest ended at 204 of 205).
     */
    private void catchUp(String name, long id) {
        if (adoptAll(name, id, backplane.read(name, session.rev(id)))) changed();
    }

    /** Bring the model to the stored snapshot and the log after it (its mirrors get the difference as one patch). */
    private void reload(String name) {
        Long id = ids.get(name);
        StoredSnapshot snap = backplane.snapshot(name);
        if (id == null || snap == null) return;
        log.accept("model " + name + ": reloading from the stored snapshot at revision " + snap.rev()
                + " (this process was at " + session.rev(id) + ")");
        session.reset(id, snap.value(), snap.rev());
        for (Patch p : backplane.read(name, snap.rev())) {
            if (!session.adopt(id, p)) break;
        }
        changed();
    }

    private void changed() {
        for (ResumeGate g : gates) g.progressed();
        for (Runnable r : changeListeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.accept("a change listener failed: " + e);
            }
        }
    }

    /** The object to host: {@code object} with the stored value written into it, or a new one of its type. */
    private static Object bring(Object object, Value value) {
        if (Bridge.canUpdateInPlace(object.getClass())) {
            Bridge.updateInPlace(object, value);
            return object;
        }
        return Bridge.fromValue(value, object.getClass());
    }

}
