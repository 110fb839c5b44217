package io.transports.protocol;

import io.transports.patch.Patch;
import java.util.Objects;

/**
 * {@code {"t":"patch","id":1,"patch":{...},"proposal":"auto-1"}}: advances a mirror; also the shape of a
 * client's proposal. {@code proposal} is optional (null when absent): an opaque id a client puts on its
 * proposal, which the server returns only to that client, on the authoritative patch its proposal made.
 */
public record PatchMessage(long id, Patch patch, String proposal) implements Message {
    public PatchMessage { Objects.requireNonNull(patch, "patch"); }

    /** A patch without a proposal id. */
    public PatchMessage(long id, Patch patch) { this(id, patch, null); }

    /** The same patch carrying (or, with null, not carrying) a proposal id. */
    public PatchMessage withProposal(String proposal) { return new PatchMessage(id, patch, proposal); }

    @Override public String t() { return "patch"; }
}
