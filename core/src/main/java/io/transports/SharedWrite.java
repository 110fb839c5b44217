package io.transports;

import io.transports.patch.Patch;

/**
 * One accepted write to a shared model, as a {@link Hub#onSharedWrite} hook sees it: the tenant that
 * wrote it ({@link io.transports.merge.Stamp#HOST} for the host), the patch every subscriber received
 * (at its new revision), and the model's whole state after it — what a durable store saves.
 */
public record SharedWrite(long id, String origin, Patch patch, SharedState state) {}
