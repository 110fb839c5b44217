package io.transports;

import io.transports.patch.Patch;

/**
 * What {@link Session#submit} decided about a proposal: the authoritative patch to broadcast, or the
 * reason it was refused (in words a person can act on). An accepted proposal that changes nothing has
 * an empty patch at the current revision, which need not be broadcast.
 */
public record SubmitResult(long id, Patch patch, String refusal) {

    static SubmitResult accepted(long id, Patch patch) { return new SubmitResult(id, patch, null); }

    static SubmitResult refused(long id, String reason) { return new SubmitResult(id, null, reason); }

    public boolean accepted() { return refusal == null; }

    @Override public String toString() {
        return accepted() ? "accepted (" + id + ", " + patch + ")" : "refused (" + id + "): " + refusal;
    }
}
