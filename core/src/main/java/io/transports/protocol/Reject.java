package io.transports.protocol;

import java.util.Objects;

/**
 * {@code {"t":"reject","id":1,"rev":4,"error":"...","proposal":"auto-1"}}: the server refused a proposal;
 * sent to the proposer only. {@code proposal} (null when absent) is the refused proposal's id, when it
 * had one.
 */
public record Reject(long id, long rev, String error, String proposal) implements Message {
    public Reject { Objects.requireNonNull(error, "error"); }

    /** A reject without a proposal id. */
    public Reject(long id, long rev, String error) { this(id, rev, error, null); }

    @Override public String t() { return "reject"; }
}
