package io.transports.backplane;

import io.transports.Hub;
import io.transports.SharedEntry;
import io.transports.SharedSequencer;
import io.transports.SharedState;
import io.transports.merge.MergeStrategy;
import io.transports.patch.Patch;
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
 * Serves a {@link Hub}'s shared models together with other processes through a {@link Backplane}: N
 * processes, each with its own hub and its own connections, serve the same shared models.
 *
 * <p>Every process calls {@link #share} with the same name, id and kind of merge strategy; the first
 * stores the model (id, strategy class, value, revision, strategy state) as the stored snapshot, the
 * others take it from there, and a process that shares a name under another id or strategy is refused.
 * From then on every merged write (a tenant's or the host's) is appended to the model's log under its
 * revision together with the write and its origin ({@link HubWire}); when another process took that
 * revision first, the hub adopts that process's entries — replaying each write through its own strategy,
 * so the stamps stay the same everywhere — merges its write again with the strategy and claims the next
 * revision. A tail thread adopts what other processes append (their subscribers get it at the hub's next
 * sync: call {@link #onChange} to sync at once). A {@code since} the hub's own log does not reach is
 * served from the backplane's log. Snapshots and trimming are done by the lease holder.
 *
 * <p>Tenants' private models stay in their process (see docs/backplane.md); CRDT-backed shared models
 * ({@link Hub#shareCrdt}) are not replicated.
 */
public final class HubReplication implements AutoCloseable {
    private final Hub hub;
    private final Backplane backplane;
    private final Replication.Options options;
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    private final Map<String, String> strategies = new ConcurrentHashMap<>();
    private final Set<String> reloadWanted = ConcurrentHashMap.newKeySet();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final List<ResumeGate> gates = new CopyOnWriteArrayList<>();
    private final Thread tailer;
    private final SingletonWork singleton;
    private volatile Consumer<String> log = line -> System.err.println("transports backplane: " + line);
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong lostClaims = new java.util.concurrent.atomic.AtomicLong();

    public HubReplication(Hub hub, Backplane backplane) { this(hub, backplane, Replication.Options.DEFAULT); }

    public HubReplication(Hub hub, Backplane backplane, Replication.Options options) {
        this.hub = hub;
        this.backplane = backplane;
        this.options = options;
        hub.setSharedSequencer(new SharedSequencer() {
            @Override public List<SharedEntry> claim(long id, SharedEntry entry, SharedState before) { return HubReplication.this.claim(id, entry, before); }

            @Override public List<Patch> history(long id, long sinceRev, long upToRev) { return HubReplication.this.history(id, sinceRev, upToRev); }
        });
        this.tailer = new Thread(this::tail, "transports-backplane-hub-tail");
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
        ResumeGate gate = new ResumeGate(id -> names.containsKey(id) ? hub.sharedRev(id) : null, max, line -> log.accept(line));
        gates.add(gate);
        return gate;
    }

    /** Run after the tail thread adopted entries from other processes (for example a sync of the hub's connections). */
    public Runnable onChange(Runnable listener) {
        changeListeners.add(listener);
        return () -> changeListeners.remove(listener);
    }

    /**
     * Share {@code value} (a Java object or a {@link io.transports.value.Value}) in the hub as the shared
     * model {@code name} under {@code id} (at least {@link Hub#SHARED_ID_BASE}), its writes reconciled by
     * {@code strategy}. The first process to share a name stores its value; every later one gets the
     * stored state (value, revision, the strategy's stamps) and its {@code value} is ignored. Returns the id.
     *
     * @throws IllegalStateException when the name is stored under another id or strategy class
     * @throws BackplaneException when the backplane cannot be reached (nothing is shared)
     */
    public long share(String name, long id, Object value, MergeStrategy strategy) {
        if (ids.containsKey(name)) throw new IllegalStateException("model " + name + " is already shared here");
        if (id < Hub.SHARED_ID_BASE) throw new IllegalArgumentException("model " + name + ": a shared model id is at least 2^40, got " + id);
        String strategyName = strategy.getClass().getName();
        StoredSnapshot stored = backplane.snapshot(name);
        if (stored == null) {
            io.transports.value.Value v = value instanceof io.transports.value.Value given ? given : io.transports.Transports.toValue(value);
            String type = value instanceof io.transports.value.Value ? "Value" : io.transports.bridge.Bridge.typeName(value.getClass());
            backplane.create(name, HubWire.stored(new SharedState(id, type, v, 0, strategy.state()), strategyName));
            stored = backplane.snapshot(name);
            if (stored == null) throw new BackplaneException("model " + name + ": its first snapshot was not stored in " + backplane.describe());
        }
        HubWire.Stored state = HubWire.stored(name, stored);
        if (state.state().id() != id) throw new IllegalStateException("model " + name + " is shared under id " + state.state().id()
                + " in " + backplane.describe() + ", not " + id + ": every process must share it under the same id");
        if (!state.strategy().equals(strategyName)) throw new IllegalStateException("model " + name + " is shared with the strategy "
                + state.strategy() + " in " + backplane.describe() + ", not " + strategyName + ": every process must use the same strategy");
        strategies.put(name, strategyName);
        hub.share(state.state(), strategy);
        names.put(id, name);
        ids.put(name, id);
        catchUp(name, id);
        return id;
    }

    /** How many claims this process lost to another one so far (each was adopted, re-merged and claimed again). */
    public long lostClaims() { return lostClaims.get(); }

    /** The id under which a shared model is served here, or null. */
    public Long idOf(String name) { return ids.get(name); }

    public Hub hub() { return hub; }

    public Backplane backplane() { return backplane; }

    /** The fencing token of the singleton lease while this process holds it, else 0. */
    public long leaseToken() { return singleton.token(); }

    /** Stop tailing and the lease work and take the sequencer off the hub, which then goes on alone. */
    @Override public void close() {
        closed = true;
        tailer.interrupt();
        singleton.close();
        hub.setSharedSequencer(null);
        try {
            tailer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void report(String line) { log.accept(line); }

    private Map<String, StoredSnapshot> states() {
        Map<String, StoredSnapshot> out = new LinkedHashMap<>();
        for (var e : ids.entrySet()) out.put(e.getKey(), HubWire.stored(hub.snapshotShared(e.getValue()), strategies.get(e.getKey())));
        return out;
    }

    // ---- the sequencer (called under the hub's lock, on the writer's thread) ----

    private List<SharedEntry> claim(long id, SharedEntry entry, SharedState before) {
        String name = names.get(id);
        if (name == null) return null; // a shared model of this process alone
        try {
            List<LogEntry> lost = backplane.appendEntry(name, HubWire.entry(entry), HubWire.stored(before, strategies.get(name)));
            if (lost == null) return null;
            lostClaims.incrementAndGet();
            List<SharedEntry> out = new ArrayList<>(lost.size());
            for (LogEntry e : lost) out.add(HubWire.shared(name, e));
            return out;
        } catch (LogGapException e) {
            reloadWanted.add(name); // the tail thread reloads it; this write is refused ("propose again")
            throw e;
        }
    }

    /** The log's patches after {@code sinceRev} up to this hub's revision (see {@link Replication}'s history for why not beyond). */
    private List<Patch> history(long id, long sinceRev, long upToRev) {
        String name = names.get(id);
        if (name == null) return null;
        List<Patch> upTo = new ArrayList<>();
        for (LogEntry e : backplane.readEntries(name, sinceRev)) if (e.rev() <= upToRev) upTo.add(e.patch());
        return upTo;
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
                for (var e : ids.entrySet()) after.put(e.getKey(), hub.sharedRev(e.getValue()));
                if (after.isEmpty()) {
                    Thread.sleep(20);
                    continue;
                }
                Map<String, List<LogEntry>> got = backplane.awaitEntries(after, options.pollTimeout());
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

    /** Adopt entries in order; a gap (the log was trimmed past us) reloads the model. */
    private boolean adoptAll(String name, Long id, List<LogEntry> entries) {
        if (id == null) return false;
        boolean adopted = false;
        for (LogEntry e : entries) {
            long rev = hub.sharedRev(id);
            if (e.rev() <= rev) continue; // ours, or adopted at a claim meanwhile
            if (e.rev() > rev + 1) {
                reload(name);
                return true;
            }
            if (hub.adoptShared(id, HubWire.shared(name, e))) adopted = true;
        }
        return adopted;
    }

    /**
     * Adopt what the log holds after this process's revision; the gap test is adoptAll's, against the
     * revision at each entry (the hub goes on claiming while the read is under way: comparing with the
     * revision read again afterwards took a process that had just claimed more for one behind a trimmed
     * log, and reloaded it for nothing, its subscribers getting a snapshot).
     */
    private void catchUp(String name, long id) {
        if (adoptAll(name, id, backplane.readEntries(name, hub.sharedRev(id)))) changed();
    }

    /** Bring the model to the stored snapshot and the log after it (its subscribers get a snapshot). */
    private void reload(String name) {
        Long id = ids.get(name);
        StoredSnapshot snap = backplane.snapshot(name);
        if (id == null || snap == null) return;
        log.accept("model " + name + ": reloading from the stored snapshot at revision " + snap.rev()
                + " (this process was at " + hub.sharedRev(id) + ")");
        hub.resetShared(HubWire.stored(name, snap).state());
        for (LogEntry e : backplane.readEntries(name, snap.rev())) {
            if (!hub.adoptShared(id, HubWire.shared(name, e))) break;
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
}
