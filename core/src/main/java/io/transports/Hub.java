package io.transports;

import com.fasterxml.jackson.databind.JsonNode;
import io.transports.bridge.Bridge;
import io.transports.crdt.CrdtDocument;
import io.transports.crdt.CrdtJson;
import io.transports.crdt.CrdtMutation;
import io.transports.crdt.CrdtSpec;
import io.transports.merge.MergeStrategy;
import io.transports.merge.Stamp;
import io.transports.patch.Apply;
import io.transports.patch.Diff;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.protocol.Ack;
import io.transports.protocol.Awareness;
import io.transports.protocol.CrdtMessage;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Reject;
import io.transports.value.Unicode;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Many users, one process: a {@link Broadcaster} that maps each connection to a <em>tenant</em> (a key
 * function of yours), gives every tenant its own private {@link Session} (model ids from 1 in each;
 * tenants never see each other's models) and hosts <em>shared models</em> that tenants subscribe to,
 * to read or to write. Writes to a shared model are reconciled by its {@link MergeStrategy}, stamped
 * {@code new Stamp(patch.rev, tenant)}; the merged value is diffed and its revision bumped at once, and
 * the writes of one flush go out together at the next {@link #sync}: one patch spanning their revisions
 * to every subscriber's connections (a writer's copy split at its own writes, each part carrying its
 * proposal id; a write that changed nothing gets an {@code ack}). Shared ids start at {@link #SHARED_ID_BASE} = 2^40 so
 * they never meet a tenant's private ids. Subscribers also exchange ephemeral <em>awareness</em>
 * (who looks at what). A shared model may instead be a CRDT document ({@link #shareCrdt}): tenants send
 * {@code crdt} operations that always merge, with replica ids bound to tenants (rules in {@link SharedCrdt}).
 * Like {@link Server}, no method does I/O; all are synchronized.
 * docs/protocol.md "Hub" has the rules.
 *
 * <pre>{@code
 * var hub = new Hub(conn -> conn.param("tenant").orElse("guest"));
 * long board = hub.share(new Board(), new LwwMap());      // any MergeStrategy; share(value): last write wins
 * hub.subscribe("alice", board, Hub.Mode.WRITE);
 * hub.subscribe("bob", board, Hub.Mode.READ);
 * hub.tenant("alice").host(new Notes());                    // alice's private model 1
 * }</pre>
 */
public final class Hub implements Broadcaster {
    private record CrdtWrite(long id, long rev, JsonNode ops) {}

    /** The first shared model id: 2^40, above any id a tenant's session hands out. */
    public static final long SHARED_ID_BASE = 1L << 40;
    /** How many patches each shared model keeps for {@code since} (the reference keeps 512 too). */
    public static final int DEFAULT_LOG_LIMIT = 512;

    /** What a tenant may do with a shared model. */
    public enum Mode { READ, WRITE }

    private final Function<Connection, String> tenantOf;
    private final int logLimit;
    private final Map<String, Server> tenants = new LinkedHashMap<>();
    private final Map<String, Set<Connection>> connectionsOf = new HashMap<>();
    private final Map<Connection, String> tenantOfConnection = new LinkedHashMap<>();
    private final Map<Connection, String> peers = new HashMap<>();
    private final Map<Long, SharedModel> shared = new LinkedHashMap<>();
    /** Host edits of CRDT-backed shared models not yet broadcast, in order. */
    private final List<CrdtWrite> crdtHostWrites = new ArrayList<>();
    /** The hub's own replica id prefix for host edits of its CRDT documents. */
    private final String crdtReplica = "java-hub-" + java.util.UUID.randomUUID().toString().replace("-", "");
    /** Subscriptions made while the tenant had open connections: they get the snapshot at the next sync. */
    private final List<Map.Entry<String, Long>> newSubscriptions = new ArrayList<>();
    /** What each connection's opening (or new subscription, or refusal snapshot) already brought it, until the next sync. */
    private final Map<Connection, Map<Long, Long>> openedAt = new HashMap<>();
    /** Models and codecs already reported as falling back to a snapshot in this flush (reported once each). */
    private final Set<String> snapshotFallbacks = new java.util.HashSet<>();
    private long nextShared = SHARED_ID_BASE;
    private long nextPeer = 1;
    private Consumer<RuntimeException> errorHandler = e -> System.err.println("transports: " + e.getMessage());
    /** The onSharedWrite hook, or null: without one no write pays for the model's whole state. */
    private Consumer<SharedWrite> writeHook;
    /** Orders shared-model revisions with other processes (a backplane); null: this hub alone. */
    private SharedSequencer sharedSequencer;
    /** How long a silent CRDT replica still holds the compaction frontier back (negative: for ever). */
    private long crdtReplicaTimeoutNanos = -1;
    /** Whether each sync compacts CRDT-backed models whose safe frontier moved. */
    private boolean crdtAutoCompact;
    /** The hub's clock for replica silence (nanoTime; tests may turn it). */
    private java.util.function.LongSupplier nanoClock = System::nanoTime;

    /** @param tenantOf the tenant of a connection, e.g. {@code c -> c.param("tenant").orElse("guest")} */
    public Hub(Function<Connection, String> tenantOf) { this(tenantOf, DEFAULT_LOG_LIMIT); }

    /** @param logLimit how many patches each shared model keeps so a reconnecting mirror resumes by delta */
    public Hub(Function<Connection, String> tenantOf, int logLimit) {
        this.tenantOf = Objects.requireNonNull(tenantOf, "tenantOf");
        if (logLimit < 0) throw new IllegalArgumentException("logLimit must be non-negative, got " + logLimit);
        this.logLimit = logLimit;
    }

    // ---- tenants and shared models ----

    /** The private session of a tenant (made on first use). */
    public synchronized Session tenant(String key) { return server(key).session(); }

    /** The tenants known so far. */
    public synchronized Set<String> tenants() { return Set.copyOf(tenants.keySet()); }

    /** Share a value (a Java object or a {@link Value}) whose writes apply in arrival order (last write wins). */
    public long share(Object value) { return share(value, new io.transports.merge.LastWriteWins()); }

    /** Share a value whose writes are reconciled by {@code strategy} (one instance per model: it may keep state). */
    public synchronized long share(Object value, MergeStrategy strategy) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(strategy, "strategy");
        Value v = value instanceof Value given ? given : Transports.toValue(value);
        String type = value instanceof Value ? "Value" : Bridge.typeName(value.getClass());
        long id = nextShared++;
        shared.put(id, new SharedModel(id, type, v, 0, strategy, logLimit));
        return id;
    }

    /**
     * Restore a shared model saved with {@link #snapshotShared} (or by an {@link #onSharedWrite} hook):
     * same id, value and revision, and the strategy's state restored, so mirrors resume and later writes
     * are judged against the saved stamps. Returns the id.
     *
     * @throws IllegalStateException when a model with that id is already shared
     */
    public synchronized long share(SharedState saved, MergeStrategy strategy) {
        Objects.requireNonNull(strategy, "strategy");
        if (saved.isCrdt()) throw new IllegalArgumentException("shared model " + saved.id() + " was CRDT-backed: restore it with shareCrdt(saved)");
        if (shared.containsKey(saved.id())) throw new IllegalStateException("shared model " + saved.id() + " already exists");
        strategy.restore(saved.strategyState());
        shared.put(saved.id(), new SharedModel(saved.id(), saved.type(), saved.value(), saved.rev(), strategy, logLimit));
        nextShared = Math.max(nextShared, saved.id() + 1);
        return saved.id();
    }

    /**
     * Share a value (a Java object or a {@link Value}) as a CRDT document: subscribers get a
     * {@code crdt_snapshot}, writers send {@code crdt} operations, which the document applies (in any
     * order, each once) and the hub echoes to every subscriber at the next revision; plain patches to it
     * are refused. Replica ids are bound to the first tenant whose operations use them.
     * docs/protocol.md "Hub" has the rules.
     *
     * @throws io.transports.crdt.CrdtException when the value does not fit {@code spec}
     */
    public synchronized long shareCrdt(Object value, CrdtSpec spec) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(spec, "spec");
        Value v = value instanceof Value given ? given : Transports.toValue(value);
        String type = value instanceof Value ? "Value" : Bridge.typeName(value.getClass());
        long id = nextShared;
        SharedCrdt crdt = new SharedCrdt(type, new CrdtDocument(spec, v, crdtReplica + "-" + id), 0);
        nextShared++;
        shared.put(id, new SharedModel(id, crdt));
        return id;
    }

    /**
     * Restore a CRDT-backed shared model saved with {@link #snapshotShared} (or by an
     * {@link #onSharedWrite} hook): same id, revision, spec and reducer state, so mirrors' later
     * operations merge with what it had. Replica ownership starts afresh (it binds again on first use).
     *
     * @throws IllegalArgumentException when {@code saved} is not a CRDT model's state
     * @throws IllegalStateException when a model with that id is already shared
     */
    public synchronized long shareCrdt(SharedState saved) {
        if (!saved.isCrdt()) throw new IllegalArgumentException("shared model " + saved.id() + " was not CRDT-backed: restore it with share(saved, strategy)");
        if (shared.containsKey(saved.id())) throw new IllegalStateException("shared model " + saved.id() + " already exists");
        CrdtDocument doc = CrdtDocument.fromState(CrdtSpec.fromNode(saved.crdtSpec()), saved.crdtState(), crdtReplica + "-" + saved.id());
        shared.put(saved.id(), new SharedModel(saved.id(), new SharedCrdt(saved.type(), doc, saved.rev(), true, nanoClock.getAsLong())));
        nextShared = Math.max(nextShared, saved.id() + 1);
        return saved.id();
    }

    /**
     * A host edit of a CRDT-backed shared model: applied at once; subscribers get the operations at the
     * next {@link #sync} (or before a tenant's next operations on that model). Returns whether it changed
     * anything.
     *
     * @throws IllegalArgumentException when the model is not CRDT-backed
     * @throws io.transports.crdt.CrdtException when a mutation does not fit the spec (nothing changes)
     */
    public synchronized boolean editCrdt(long id, List<CrdtMutation> mutations) {
        SharedModel sh = crdtModel(id);
        JsonNode ops = sh.crdt.edit(List.copyOf(mutations));
        if (ops == null) return false;
        crdtHostWrites.add(new CrdtWrite(id, sh.rev(), ops));
        written(sh, Stamp.HOST, ops);
        return true;
    }

    /**
     * Discard CRDT metadata up to {@code frontier} (replica id to counter). Call it only with a frontier
     * every replica — every subscriber's mirror, including ones offline now — has seen: an operation
     * that arrives later and depends on discarded metadata can no longer be placed. The revision stays.
     * Returns how many entries were discarded.
     *
     * @throws io.transports.crdt.CrdtException when the hub itself has not seen every operation up to the frontier
     */
    public synchronized int compactCrdt(long id, Map<String, Long> frontier) {
        SharedModel sh = crdtModel(id);
        int n = sh.crdt.compact(frontier);
        if (n > 0) written(sh, Stamp.HOST, CrdtJson.toNode(List.of(), CrdtJson.Form.WIRE));
        return n;
    }

    /**
     * Discard CRDT metadata up to the frontier every known replica has proven it has seen (see
     * {@link #safeCrdtFrontier}), so no operation a replica sends later can depend on what goes. The
     * revision stays. Returns how many entries were discarded (0 when nothing is safe to discard yet).
     */
    public synchronized int compactCrdt(long id) {
        return compactCrdt(id, safeCrdtFrontier(id));
    }

    /**
     * The frontier (replica id to counter) every replica known to write to this CRDT-backed model has
     * seen: a replica is known from its first accepted batch, and proves a revision by a later batch made
     * at it (the {@code rev} our Java and browser clients put on their {@code crdt} proposals; 0 proves nothing). A
     * replica silent for longer than {@link #crdtReplicaTimeout} is left out from then on.
     */
    public synchronized Map<String, Long> safeCrdtFrontier(long id) {
        return crdtModel(id).crdt.safeFrontier(nanoClock.getAsLong(), crdtReplicaTimeoutNanos);
    }

    /** Per replica known to write to this CRDT-backed model, the revision it has proven it holds (0: none yet). */
    public synchronized Map<String, Long> crdtReplicas(long id) { return crdtModel(id).crdt.provenRevisions(); }

    /**
     * How long a replica that sends nothing still holds the safe compaction frontier back; null (the
     * default) keeps it for ever. A replica left out that comes back has its batches merged as any and
     * is known again from then; a compacted {@code crdt_snapshot} is what it resyncs from.
     */
    public synchronized void crdtReplicaTimeout(java.time.Duration timeout) {
        if (timeout != null && timeout.isNegative()) throw new IllegalArgumentException("crdtReplicaTimeout must not be negative, got " + timeout);
        this.crdtReplicaTimeoutNanos = timeout == null ? -1 : timeout.toNanos();
    }

    /**
     * When on (off by default), every {@link #sync} compacts each CRDT-backed model whose safe frontier
     * ({@link #safeCrdtFrontier}) moved since the last such compaction — as safe as
     * {@link #compactCrdt(long)}, at the cost of one pass over the document each time it moves.
     */
    public synchronized void crdtAutoCompact(boolean on) { this.crdtAutoCompact = on; }

    /** The clock replica silence is measured with (nanoseconds, as System.nanoTime); for tests. */
    synchronized void nanoClock(java.util.function.LongSupplier clock) { this.nanoClock = Objects.requireNonNull(clock); }

    /**
     * Let a tenant read (or read and write) a shared model; changing the mode of a subscription is
     * allowed. Open connections of a newly subscribed tenant get the model's snapshot at the next sync.
     */
    public synchronized void subscribe(String tenant, long id, Mode mode) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(mode, "mode");
        SharedModel sh = model(id);
        server(tenant);
        if (sh.subscribers.put(tenant, mode) == null && !connectionsOf.getOrDefault(tenant, Set.of()).isEmpty()) {
            newSubscriptions.add(Map.entry(tenant, id));
        }
    }

    /** The mode of a tenant's subscription, or empty when it has none. */
    public synchronized Optional<Mode> subscription(String tenant, long id) {
        return Optional.ofNullable(model(id).subscribers.get(tenant));
    }

    /** The current value of a shared model. */
    public synchronized Value shared(long id) { return model(id).value(); }

    /** The current revision of a shared model. */
    public synchronized long sharedRev(long id) { return model(id).rev(); }

    /** The ids of the shared models. */
    public synchronized List<Long> sharedIds() { return List.copyOf(shared.keySet()); }

    /**
     * A host-side write: the new value (a Java object or a {@link Value}) is diffed against the current
     * one and merged through the model's strategy, stamped {@code (current rev, Stamp.HOST)}; subscribers
     * get the patch at the next {@link #sync}, with the writes of tenants in revision order.
     *
     * @throws io.transports.patch.PatchException (or the strategy's exception) when it cannot apply; nothing changes
     */
    public synchronized void setShared(long id, Object value) {
        SharedModel sh = model(id);
        Value v = value instanceof Value given ? given : Transports.toValue(value);
        List<Op> ops = Diff.diff(sh.value(), v);
        if (!ops.isEmpty()) hostWrite(sh, ops);
    }

    /** A host-side write as ops (see {@link #setShared}). */
    public synchronized void updateShared(long id, List<Op> ops) {
        if (!ops.isEmpty()) hostWrite(model(id), List.copyOf(ops));
    }

    /** Everything needed to restore the model: id, type, value, revision and the strategy's state. */
    public synchronized SharedState snapshotShared(long id) { return model(id).state(); }

    /**
     * Called after every accepted write to a shared model (a tenant's or the host's), under the hub's
     * lock, with the patch and the model's whole state: save it to survive a restart, and restore with
     * {@link #share(SharedState, MergeStrategy)}. A hook that throws is reported through
     * {@link #onError}; the write stands. The state is built for every write while a hook is set (for
     * a sequence strategy that is every element it keeps), so a hook costs each write that much; null
     * removes it.
     */
    public synchronized void onSharedWrite(Consumer<SharedWrite> hook) {
        this.writeHook = hook;
    }

    /**
     * Order shared-model revisions with other processes serving the same models through a backplane (see
     * {@link SharedSequencer}); null: this hub alone decides, as by default. CRDT-backed models are not
     * sequenced.
     */
    public synchronized void setSharedSequencer(SharedSequencer sequencer) { this.sharedSequencer = sequencer; }

    /**
     * Take in a revision of a shared model that another process logged (its write replayed through the
     * strategy); subscribers get the patch at the next {@link #sync}. Returns false when it is not the
     * next revision (already here, or a gap: then {@link #resetShared}).
     */
    public synchronized boolean adoptShared(long id, SharedEntry entry) {
        SharedModel sh = model(id);
        if (!sh.adopt(entry)) return false;
        sh.pending.add(entry.patch(), null, null);
        written(sh, entry.origin(), entry.patch());
        return true;
    }

    /**
     * Bring a shared model to a state stored elsewhere (value, revision, strategy state; the id must be
     * this model's): its subscribers' connections get a snapshot at the next {@link #sync}.
     */
    public synchronized void resetShared(SharedState state) {
        SharedModel sh = model(state.id());
        sh.reset(state.value(), state.rev(), state.strategyState());
        sh.pending.restart(state.rev()); // what was not sent is in the snapshot; owed answers become acks after it
        for (String tenant : sh.subscribers.keySet()) {
            if (!connectionsOf.getOrDefault(tenant, Set.of()).isEmpty()) newSubscriptions.add(Map.entry(tenant, state.id()));
        }
    }

    @Override public synchronized void onError(Consumer<RuntimeException> handler) {
        this.errorHandler = handler == null ? e -> {} : handler;
    }

    // ---- the Broadcaster ----

    /**
     * Open a connection: its tenant's private models (as {@link Server#connect}), then a snapshot of each
     * shared model the tenant subscribes to — or, with {@code since}, the patches after the revision the
     * mirror holds while the model's log still reaches back — each followed by the other subscribers'
     * awareness.
     *
     * @throws IllegalArgumentException when the tenant function fails or gives null (nothing is opened)
     */
    @Override public synchronized List<Frame> connect(Connection conn, Map<Long, Long> since) {
        Objects.requireNonNull(conn, "connection");
        String tenant;
        try {
            tenant = tenantOf.apply(conn);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the tenant of connection " + conn + " could not be decided: " + e.getMessage(), e);
        }
        if (tenant == null) throw new IllegalArgumentException("the tenant function gave no tenant for connection " + conn);
        String before = tenantOfConnection.get(conn);
        if (before != null && !before.equals(tenant)) leaveTenant(conn, before);
        List<Frame> out = new ArrayList<>(server(tenant).connect(conn, since));
        tenantOfConnection.put(conn, tenant);
        connectionsOf.computeIfAbsent(tenant, k -> new LinkedHashSet<>()).add(conn);
        peers.computeIfAbsent(conn, k -> "peer-" + nextPeer++);
        Map<Long, Long> opened = new HashMap<>();
        for (SharedModel sh : shared.values()) {
            if (!sh.subscribers.containsKey(tenant) || !conn.permissions().canSee(sh.id)) continue;
            Long have = since == null ? null : since.get(sh.id);
            Optional<List<Patch>> replay = have == null ? Optional.empty() : sh.since(have);
            if (replay.isEmpty() && have != null) replay = sequencedHistory(sh, have);
            if (replay.isPresent()) {
                for (Patch p : replay.get()) addEncoded(out, conn, new PatchMessage(sh.id, p));
            } else {
                addEncoded(out, conn, sh.snapshot());
            }
            opened.put(sh.id, sh.rev());
            for (var a : sh.awareness.entrySet()) {
                if (a.getKey() != conn) addEncoded(out, conn, new Awareness(sh.id, a.getValue(), peers.get(a.getKey())));
            }
        }
        openedAt.put(conn, opened);
        return out;
    }

    /**
     * One frame from a connection: a write to a shared model is merged here, an awareness update relayed
     * to the model's other subscribers, and everything else goes to the tenant's own server (private
     * proposals, malformed frames).
     */
    @Override public synchronized Map<Connection, List<Frame>> receive(Connection conn, Frame frame) {
        String tenant = tenantOfConnection.get(conn);
        if (tenant == null) throw new IllegalStateException("connection " + conn + " is not open; call connect first");
        Server server = tenants.get(tenant);
        Message msg;
        try {
            msg = conn.codec().decode(frame);
        } catch (RuntimeException e) {
            return server.receive(conn, frame); // the server words the malformed-frame reject
        }
        if (msg instanceof Awareness a) return awareness(conn, tenant, a);
        if (msg instanceof PatchMessage p && p.id() >= SHARED_ID_BASE) return sharedWrite(conn, tenant, p);
        if (msg instanceof CrdtMessage c && c.id() >= SHARED_ID_BASE) return crdtWrite(conn, tenant, c);
        return server.receive(conn, msg);
    }

    /**
     * Every tenant's pending host changes and new models, then new subscriptions, then host edits of
     * CRDT-backed models, then each shared model's writes since the last sync (tenants' and the host's,
     * one patch per connection, split only at a proposer's own writes; see {@link PendingWrites}).
     */
    @Override public synchronized Map<Connection, List<Frame>> sync() {
        Deliveries d = new Deliveries();
        for (Server s : tenants.values()) d.addAll(s.sync());
        Map<Connection, String> failed = new LinkedHashMap<>();
        for (var sub : newSubscriptions) {
            SharedModel sh = shared.get(sub.getValue());
            for (Connection c : connectionsOf.getOrDefault(sub.getKey(), Set.of())) {
                if (!c.permissions().canSee(sh.id) || covered(c, sh.id, sh.rev())) continue;
                d.broadcast(List.of(c), sh.snapshot(), failed);
                openedAt.computeIfAbsent(c, k -> new HashMap<>()).put(sh.id, sh.rev());
                for (var a : sh.awareness.entrySet()) {
                    if (a.getKey() != c) d.broadcast(List.of(c), new Awareness(sh.id, a.getValue(), peers.get(a.getKey())), failed);
                }
            }
        }
        newSubscriptions.clear();
        broadcastCrdtHostWrites(d, null, failed);
        for (SharedModel sh : shared.values()) if (sh.pending != null && !sh.pending.isEmpty()) flushWrites(sh, d, failed);
        if (crdtAutoCompact) autoCompact();
        openedAt.clear();
        snapshotFallbacks.clear();
        drop(d, failed);
        return d.result();
    }

    /** Forget a connection; the other subscribers hear that its awareness state is gone. */
    @Override public synchronized Map<Connection, List<Frame>> disconnect(Connection conn) {
        String tenant = tenantOfConnection.get(conn);
        if (tenant == null) return Map.of();
        Deliveries d = new Deliveries();
        Map<Connection, String> failed = new LinkedHashMap<>();
        forget(conn, tenant, d, failed);
        drop(d, failed);
        return d.result();
    }

    @Override public synchronized Set<Connection> connections() { return Set.copyOf(tenantOfConnection.keySet()); }

    /** The tenant a connection was opened under, if it is open. */
    public synchronized Optional<String> tenantOf(Connection conn) { return Optional.ofNullable(tenantOfConnection.get(conn)); }

    /** The peer id awareness updates from this connection carry, if it is open. */
    public synchronized Optional<String> peerOf(Connection conn) { return Optional.ofNullable(peers.get(conn)); }

    @Override public synchronized void close() {
        for (Server s : tenants.values()) s.close();
        tenantOfConnection.clear();
        connectionsOf.clear();
        peers.clear();
        openedAt.clear();
        for (SharedModel sh : shared.values()) sh.awareness.clear();
    }

    // ---- internals ----

    private Server server(String tenant) {
        return tenants.computeIfAbsent(tenant, k -> {
            Server s = new Server(new Session());
            s.onError(e -> errorHandler.accept(e));
            return s;
        });
    }

    private void autoCompact() {
        for (SharedModel sh : shared.values()) {
            if (sh.crdt == null) continue;
            Map<String, Long> f = sh.crdt.movedSafeFrontier(nanoClock.getAsLong(), crdtReplicaTimeoutNanos);
            if (f == null || f.isEmpty()) continue;
            try {
                compactCrdt(sh.id, f);
            } catch (RuntimeException e) { // the hub's own frontier: it should always be covered
                errorHandler.accept(new IllegalStateException("automatic compaction of shared model " + sh.id + " failed: " + e.getMessage(), e));
            }
        }
    }

    private SharedModel crdtModel(long id) {
        SharedModel sh = model(id);
        if (sh.crdt == null) throw new IllegalArgumentException("shared model " + id + " is not CRDT-backed; use setShared or updateShared");
        return sh;
    }

    private SharedModel model(long id) {
        SharedModel sh = shared.get(id);
        if (sh == null) throw new IllegalArgumentException("there is no shared model " + id);
        return sh;
    }

    private void hostWrite(SharedModel sh, List<Op> ops) {
        Patch out = sh.write(new Patch(sh.rev(), ops), new Stamp(sh.rev(), Stamp.HOST), Stamp.HOST, sharedSequencer,
                e -> sh.pending.add(e.patch(), null, null));
        if (out.ops().isEmpty()) return;
        sh.pending.add(out, null, null);
        written(sh, Stamp.HOST, out);
    }

    private void written(SharedModel sh, String origin, JsonNode crdtOps) {
        if (writeHook == null) return;
        hook(sh, new SharedWrite(sh.id, origin, new Patch(sh.rev(), List.of()), sh.state(), crdtOps), sh.rev());
    }

    private void written(SharedModel sh, String origin, Patch patch) {
        if (writeHook == null) return; // the state is the whole model and its strategy's records: built only for a hook
        hook(sh, new SharedWrite(sh.id, origin, patch, sh.state()), patch.rev());
    }

    private void hook(SharedModel sh, SharedWrite w, long rev) {
        try {
            writeHook.accept(w);
        } catch (RuntimeException e) {
            errorHandler.accept(new IllegalStateException("the shared-write hook failed for model " + sh.id + " rev " + rev + ": " + e, e));
        }
    }

    /** The patches after {@code have} from the sequencer's log, when it covers them up to this hub's revision without a gap. */
    private Optional<List<Patch>> sequencedHistory(SharedModel sh, long have) {
        if (sharedSequencer == null || sh.crdt != null || have > sh.rev()) return Optional.empty();
        List<Patch> got;
        try {
            got = sharedSequencer.history(sh.id, have, sh.rev());
        } catch (RuntimeException e) {
            errorHandler.accept(new IllegalStateException("shared model " + sh.id + ": resume from the shared log failed (a snapshot is sent instead): " + e.getMessage(), e));
            return Optional.empty();
        }
        if (got == null) return Optional.empty();
        long expect = have + 1;
        for (Patch p : got) if (p.rev() == expect) expect++; else return Optional.empty();
        return expect == sh.rev() + 1 ? Optional.of(got) : Optional.empty();
    }

    private Map<Connection, List<Frame>> sharedWrite(Connection conn, String tenant, PatchMessage p) {
        long id = p.id();
        SharedModel sh = shared.get(id);
        Mode mode = sh == null ? null : sh.subscribers.get(tenant);
        Deliveries d = new Deliveries();
        Map<Connection, String> failed = new LinkedHashMap<>();
        if (mode == null || !conn.permissions().canSee(id)) {
            d.broadcast(List.of(conn), new Reject(id, 0, "there is no model " + id, p.proposal()), failed);
            return report(d, failed);
        }
        if (sh.crdt != null) {
            broadcastCrdtHostWrites(d, id, failed); // the host's pending edits of this model come first
            d.broadcast(List.of(conn), new Reject(id, sh.rev(), "CRDT-backed models require CRDT operations", p.proposal()), failed);
            return report(d, failed);
        }
        String refusal = conn.permissions().refusal(id);
        if (refusal == null && mode == Mode.READ) {
            refusal = "read-only subscription: tenant '" + tenant + "' may read shared model " + id + " but not write it";
        }
        Patch out = null;
        if (refusal == null) {
            try {
                out = sh.write(p.patch(), new Stamp(p.patch().rev(), tenant), tenant, sharedSequencer,
                        e -> sh.pending.add(e.patch(), null, null));
            } catch (RuntimeException e) {
                refusal = "shared model " + id + ": the write cannot apply: " + e.getMessage();
            }
        }
        if (refusal != null) { // the writer's mirror is put back (its earlier writes answered), and told why
            refuse(conn, sh, new Reject(id, sh.rev(), Unicode.escapeLoneSurrogates(refusal), p.proposal()), d, failed);
            return report(d, failed);
        }
        if (out.ops().isEmpty()) { // nothing changed: an ack at the next flush, after the patches before it
            if (p.proposal() != null) sh.pending.unchanged(conn, sh.rev(), p.proposal());
            return report(d, failed);
        }
        written(sh, tenant, out);
        sh.pending.add(out, conn, p.proposal()); // every subscriber gets it with the next flush
        return report(d, failed);
    }

    /**
     * A refused write: the writer gets a snapshot now (it holds every revision so far, sent or not), the
     * acks of its writes to this model still waiting for the flush (the snapshot holds them), then the
     * reject. The next flush sends it only the revisions after that snapshot.
     */
    private void refuse(Connection conn, SharedModel sh, Reject reject, Deliveries d, Map<Connection, String> failed) {
        Map<Connection, String> lost = new LinkedHashMap<>();
        deliverOrSnapshot(d, List.of(conn), sh, sh.snapshot(), lost);
        if (!lost.isEmpty()) {
            failed.putAll(lost);
            return;
        }
        List<PendingWrites.Answer> owed = sh.pending.takeAnswers(conn);
        if (owed != null) for (PendingWrites.Answer a : owed) d.broadcast(List.of(conn), new Ack(sh.id, a.rev(), a.proposal()), failed);
        d.broadcast(List.of(conn), reject, failed);
        openedAt.computeIfAbsent(conn, k -> new HashMap<>()).merge(sh.id, sh.rev(), Math::max);
    }

    /**
     * Send a shared model's writes since the last flush. Every subscriber connection gets one patch from
     * the revision it holds (the last flush's, or what its opening or a refusal snapshot brought it) to
     * the current one — the same frame for all of a codec that hold the same revision. A connection
     * that proposed some of them gets its patch split just after each of its writes, each part carrying
     * that write's proposal id (so every proposal is answered at its own revision, on the authoritative
     * patch), and an ack for each of its writes that changed nothing, after the patch that brings it to
     * that revision.
     */
    private void flushWrites(SharedModel sh, Deliveries d, Map<Connection, String> failed) {
        PendingWrites pending = sh.pending;
        long base = pending.base();
        long now = sh.rev();
        Map<Long, List<Connection>> plain = new LinkedHashMap<>(); // by the revision they hold
        for (Connection c : subscriberConnections(sh)) {
            long at = Math.max(base, holds(c, sh.id));
            List<PendingWrites.Answer> owed = pending.takeAnswers(c);
            if (owed == null) {
                if (at < now) plain.computeIfAbsent(at, k -> new ArrayList<>()).add(c);
                continue;
            }
            for (PendingWrites.Answer a : owed) {
                if (a.rev() > at) { // the patch up to this write, its proposal id on it when it changed the model
                    Message part = new PatchMessage(sh.id, pending.range(at, a.rev()), a.changed() ? a.proposal() : null);
                    boolean snapped = deliverOrSnapshot(d, List.of(c), sh, part, failed).contains(c);
                    at = snapped ? now : a.rev();
                    if (a.changed() && !snapped) continue; // answered on its own patch
                }
                d.broadcast(List.of(c), new Ack(sh.id, a.rev(), a.proposal()), failed);
            }
            if (at < now) deliverOrSnapshot(d, List.of(c), sh, new PatchMessage(sh.id, pending.range(at, now)), failed);
        }
        for (var e : plain.entrySet()) deliverOrSnapshot(d, e.getValue(), sh, new PatchMessage(sh.id, pending.range(e.getKey(), now)), failed);
        pending.flushed(now);
    }

    /** The revision of a shared model a connection's opening (or a refusal snapshot) brought it since the last sync, or -1. */
    private long holds(Connection c, long id) {
        Map<Long, Long> at = openedAt.get(c);
        Long have = at == null ? null : at.get(id);
        return have == null ? -1 : have;
    }

    /**
     * Deliver a shared model's message; a connection whose codec cannot encode it gets the model's
     * snapshot instead (it holds every revision, so the mirror applies it whatever it had), and only one
     * whose codec cannot encode the snapshot either is reported in {@code failed} to be dropped, with
     * the model and both reasons. Returns the connections that got the snapshot.
     */
    private Set<Connection> deliverOrSnapshot(Deliveries d, List<Connection> to, SharedModel sh, Message m, Map<Connection, String> failed) {
        Map<Connection, String> cannot = new LinkedHashMap<>();
        d.broadcast(to, m, cannot);
        if (cannot.isEmpty() || m instanceof io.transports.protocol.Snapshot || m instanceof io.transports.protocol.CrdtSnapshot) {
            failed.putAll(cannot);
            return Set.of();
        }
        Map<Connection, String> neither = new LinkedHashMap<>();
        Message snapshot = sh.snapshot();
        d.broadcast(cannot.keySet(), snapshot, neither);
        for (var e : cannot.entrySet()) {
            String codec = e.getKey().codec().name();
            String snapWhy = neither.get(e.getKey());
            if (snapWhy == null) {
                if (snapshotFallbacks.add(sh.id + " " + codec)) {
                    errorHandler.accept(new IllegalStateException(e.getValue() + "; its " + codec + " connections get a snapshot of shared model " + sh.id + " instead"));
                }
            } else {
                failed.put(e.getKey(), e.getValue() + "; neither can the snapshot of shared model " + sh.id + " (" + snapWhy + ")");
            }
        }
        Set<Connection> snapped = new java.util.HashSet<>(cannot.keySet());
        snapped.removeAll(neither.keySet());
        return snapped;
    }

    /**
     * CRDT operations from a connection: applied by the document and echoed to every subscriber (the
     * proposal id on the proposer's copy), a batch with nothing new echoed to the proposer alone, and a
     * refusal answered with a reject naming the operations, then a crdt_snapshot to put the mirror back.
     */
    private Map<Connection, List<Frame>> crdtWrite(Connection conn, String tenant, CrdtMessage c) {
        snapshotFallbacks.clear();
        long id = c.id();
        SharedModel sh = shared.get(id);
        Mode mode = sh == null ? null : sh.subscribers.get(tenant);
        Deliveries d = new Deliveries();
        Map<Connection, String> failed = new LinkedHashMap<>();
        if (mode == null || !conn.permissions().canSee(id)) {
            d.broadcast(List.of(conn), new Reject(id, 0, "there is no model " + id, c.proposal(), c.ops()), failed);
            return report(d, failed);
        }
        broadcastCrdtHostWrites(d, id, failed); // the host's pending edits of this model come first
        String refusal = sh.crdt == null ? "shared model " + id + " is not CRDT-backed: send a patch" : conn.permissions().refusal(id);
        if (refusal == null && mode == Mode.READ) {
            refusal = "read-only subscription: tenant '" + tenant + "' may read shared model " + id + " but not write it";
        }
        SharedCrdt.Outcome outcome = refusal == null ? sh.crdt.write(tenant, c.ops(), c.rev(), nanoClock.getAsLong()) : new SharedCrdt.Refused(refusal);
        if (outcome instanceof SharedCrdt.Refused r) {
            String why = r.why().startsWith("read-only") || sh.crdt == null ? r.why() : "shared model " + id + ": " + r.why();
            d.broadcast(List.of(conn), new Reject(id, sh.rev(), Unicode.escapeLoneSurrogates(why), c.proposal(), c.ops()), failed);
            if (sh.crdt != null) d.broadcast(List.of(conn), sh.snapshot(), failed);
        } else if (outcome instanceof SharedCrdt.Applied a) {
            written(sh, tenant, a.ops());
            List<Connection> others = new ArrayList<>(subscriberConnections(sh));
            boolean tagged = c.proposal() != null && others.remove(conn);
            deliverOrSnapshot(d, others, sh, new CrdtMessage(id, sh.rev(), a.ops()), failed);
            if (tagged) deliverOrSnapshot(d, List.of(conn), sh, new CrdtMessage(id, sh.rev(), a.ops(), null, c.proposal()), failed);
        } else { // nothing new: the proposer alone hears that it stands
            d.broadcast(List.of(conn), new CrdtMessage(id, sh.rev(), c.ops(), null, c.proposal()), failed);
        }
        return report(d, failed);
    }

    private Map<Connection, List<Frame>> awareness(Connection conn, String tenant, Awareness a) {
        SharedModel sh = shared.get(a.id());
        if (sh == null || !sh.subscribers.containsKey(tenant) || !conn.permissions().canSee(a.id())) {
            errorHandler.accept(new IllegalArgumentException("awareness from " + conn + " (tenant '" + tenant
                    + "') ignored: it does not subscribe to a shared model " + a.id()));
            return Map.of();
        }
        if (a.state() == null && sh.awareness.remove(conn) == null) return Map.of(); // nothing to remove
        if (a.state() != null) sh.awareness.put(conn, a.state());
        Deliveries d = new Deliveries();
        Map<Connection, String> failed = new LinkedHashMap<>();
        List<Connection> others = new ArrayList<>(subscriberConnections(sh));
        others.remove(conn);
        d.broadcast(others, new Awareness(sh.id, a.state(), peers.get(conn)), failed);
        drop(d, failed);
        return d.result();
    }

    /** Broadcast pending host edits of CRDT-backed models (to one model, or all when {@code only} is null). */
    private void broadcastCrdtHostWrites(Deliveries d, Long only, Map<Connection, String> failed) {
        for (var it = crdtHostWrites.iterator(); it.hasNext(); ) {
            CrdtWrite w = it.next();
            if (only != null && w.id() != only) continue;
            it.remove();
            SharedModel sh = shared.get(w.id());
            List<Connection> to = new ArrayList<>();
            for (Connection c : subscriberConnections(sh)) if (!covered(c, sh.id, w.rev())) to.add(c);
            deliverOrSnapshot(d, to, sh, new CrdtMessage(w.id(), w.rev(), w.ops()), failed);
        }
    }

    /** Whether a connection's opening since the last sync already carried this revision of this model. */
    private boolean covered(Connection c, long id, long rev) {
        Map<Long, Long> at = openedAt.get(c);
        Long have = at == null ? null : at.get(id);
        return have != null && rev <= have;
    }

    private List<Connection> subscriberConnections(SharedModel sh) {
        List<Connection> out = new ArrayList<>();
        for (String tenant : sh.subscribers.keySet()) {
            for (Connection c : connectionsOf.getOrDefault(tenant, Set.of())) if (c.permissions().canSee(sh.id)) out.add(c);
        }
        return out;
    }

    private void forget(Connection conn, String tenant, Deliveries d, Map<Connection, String> failed) {
        leaveTenant(conn, tenant);
        tenantOfConnection.remove(conn);
        openedAt.remove(conn);
        String peer = peers.remove(conn);
        d.forget(conn);
        for (SharedModel sh : shared.values()) {
            if (sh.pending != null) sh.pending.forget(conn);
            if (sh.awareness.remove(conn) == null) continue;
            d.broadcast(subscriberConnections(sh), new Awareness(sh.id, null, peer), failed);
        }
    }

    private void leaveTenant(Connection conn, String tenant) {
        Set<Connection> conns = connectionsOf.get(tenant);
        if (conns != null) conns.remove(conn);
        Server s = tenants.get(tenant);
        if (s != null) s.disconnect(conn);
    }

    /** Connections whose codec could not carry a frame they must get: reported, forgotten, told to reconnect. */
    private void drop(Deliveries d, Map<Connection, String> failed) {
        while (!failed.isEmpty()) {
            var first = failed.entrySet().iterator().next();
            Connection c = first.getKey();
            String why = first.getValue();
            failed.remove(c);
            String tenant = tenantOfConnection.get(c);
            if (tenant == null) continue;
            errorHandler.accept(new IllegalStateException(why + "; connection " + c + " is dropped (it reconnects and starts from snapshots)"));
            forget(c, tenant, d, failed);
            try {
                c.dropped(why);
            } catch (RuntimeException e) {
                errorHandler.accept(new IllegalStateException("dropping " + c + " failed: " + e, e));
            }
        }
    }

    private Map<Connection, List<Frame>> report(Deliveries d, Map<Connection, String> failed) {
        drop(d, failed);
        return d.result();
    }

    /** An opening frame; one that cannot be encoded becomes a reject saying so (logged). */
    private void addEncoded(List<Frame> out, Connection conn, Message m) {
        try {
            out.add(conn.codec().encode(m));
        } catch (RuntimeException e) {
            long id = Server.idOf(m);
            String why = "model " + id + " cannot be sent over " + conn.codec().name() + ": " + e.getMessage();
            errorHandler.accept(new IllegalStateException("opening " + conn + ": " + why, e));
            out.add(conn.codec().encode(new Reject(id, 0, "model " + id + " cannot be sent over " + conn.codec().name())));
        }
    }
}
