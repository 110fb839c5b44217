package io.transports.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * {@code {"t":"crdt","id":I,"rev":4,"ops":[...],"effect":{...},"proposal":"p"}}: causally identified CRDT
 * operations in their wire form (plain values). A client's proposal has {@code rev} 0; the host's echo
 * carries the shared revision. {@code effect} (optional, null when absent) is a sender's cache of the
 * materialised effect; {@code proposal} (optional) as on a patch (docs/protocol.md "CRDT documents").
 */
public record CrdtMessage(long id, long rev, JsonNode ops, JsonNode effect, String proposal) implements Message {
    public CrdtMessage { Objects.requireNonNull(ops, "ops"); }

    /** Operations without an effect or a proposal id. */
    public CrdtMessage(long id, long rev, JsonNode ops) { this(id, rev, ops, null, null); }

    @Override public String t() { return "crdt"; }
}
