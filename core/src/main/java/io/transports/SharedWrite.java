package io.transports;

import com.fasterxml.jackson.databind.JsonNode;
import io.transports.patch.Patch;

/**
 * One accepted write to a shared model, as a {@link Hub#onSharedWrite} hook sees it: the tenant that
 * wrote it ({@link io.transports.merge.Stamp#HOST} for the host), the patch every subscriber received
 * (at its new revision), and the model's whole state after it — what a durable store saves. For a
 * CRDT-backed model the patch has no ops (only the new revision) and {@code crdtOps} holds the
 * operations every subscriber received (wire form); a compaction is reported with the revision
 * unchanged and empty {@code crdtOps}.
 */
public record SharedWrite(long id, String origin, Patch patch, SharedState state, JsonNode crdtOps) {
    /** A write to a model reconciled by a merge strategy. */
    public SharedWrite(long id, String origin, Patch patch, SharedState state) { this(id, origin, patch, state, null); }
}
