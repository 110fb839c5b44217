package io.transports.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * {@code {"t":"reject","id":1,"rev":4,"error":"...","proposal":"auto-1"}}: the server refused a proposal;
 * sent to the proposer only. {@code proposal} (null when absent) is the refused proposal's id, when it
 * had one. {@code crdtOps} (null when absent) are the refused CRDT operations, in their wire form, so an
 * optimistic client can settle their dots ({@code "crdt_ops"}, docs/protocol.md "CRDT documents").
 */
public record Reject(long id, long rev, String error, String proposal, JsonNode crdtOps) implements Message {
    public Reject { Objects.requireNonNull(error, "error"); }

    /** A reject without CRDT operations. */
    public Reject(long id, long rev, String error, String proposal) { this(id, rev, error, proposal, null); }

    /** A reject without a proposal id. */
    public Reject(long id, long rev, String error) { this(id, rev, error, null, null); }

    @Override public String t() { return "reject"; }
}
