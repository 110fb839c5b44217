package io.transports.protocol;

import io.transports.value.Value;

/**
 * {@code {"t":"awareness","id":1099511627776,"state":{"field":"name"},"peer":"p3"}}: ephemeral
 * per-peer state on a shared model (who is looking at or editing what). The state is plain JSON data
 * on the wire (untagged, unlike model values); here it is a {@link Value} read from that plain form
 * (see {@code PlainData}). A null {@code state} removes the peer's state. A client sends it without
 * {@code peer}; the hub fills in the peer id it assigned to the sending connection when it relays it.
 * Never logged or replayed (docs/protocol.md "Awareness").
 */
public record Awareness(long id, Value state, String peer) implements Message {
    /** A client's update (no peer: the hub assigns it). */
    public Awareness(long id, Value state) { this(id, state, null); }

    /** Whether this update removes the peer's state. */
    public boolean removes() { return state == null; }

    @Override public String t() { return "awareness"; }
}
