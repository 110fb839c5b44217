package io.transports;

import com.fasterxml.jackson.databind.JsonNode;
import io.transports.value.Value;
import java.util.Objects;

/**
 * Everything needed to bring a hub's shared model back after a restart, or to hand it to another
 * process: its id (clients hold it, so a restored model keeps it), the type name its snapshots carry,
 * its value and revision, and its merge strategy's own state ({@link io.transports.merge.MergeStrategy#state}).
 * A CRDT-backed model ({@link Hub#shareCrdt}) carries its spec ({@link io.transports.crdt.CrdtSpec#toNode})
 * and reducer state (the document's state text) instead, and a null strategy state.
 * Made by {@link Hub#snapshotShared}, given to {@link Hub#onSharedWrite} hooks, restored by
 * {@link Hub#share(SharedState, io.transports.merge.MergeStrategy)} or, for a CRDT, {@link Hub#shareCrdt(SharedState)}.
 */
public record SharedState(long id, String type, Value value, long rev, Value strategyState, JsonNode crdtSpec, String crdtState) {
    public SharedState {
        if (id < Hub.SHARED_ID_BASE) throw new IllegalArgumentException("a shared model id is at least 2^40, got " + id);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if ((crdtSpec == null) != (crdtState == null)) {
            throw new IllegalArgumentException("a CRDT shared state needs both crdtSpec and crdtState");
        }
        if (crdtSpec == null) Objects.requireNonNull(strategyState, "strategyState");
        if (rev < 0) throw new IllegalArgumentException("rev must be non-negative, got " + rev);
    }

    /** The state of a shared model reconciled by a merge strategy. */
    public SharedState(long id, String type, Value value, long rev, Value strategyState) {
        this(id, type, value, rev, strategyState, null, null);
    }

    /** Whether this is a CRDT-backed model's state. */
    public boolean isCrdt() { return crdtSpec != null; }
}
