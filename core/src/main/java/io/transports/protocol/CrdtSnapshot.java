package io.transports.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.transports.value.Value;
import java.util.Objects;

/**
 * {@code {"t":"crdt_snapshot","id":I,"type":"Doc","rev":3,"value":V,"spec":SPEC,"state":STATE}}: (re)initialises
 * a mirror of a CRDT document: its materialised value, its spec (the reference's dict form) and the
 * reducer state a replica restores from (docs/protocol.md "CRDT documents"). {@code spec} and
 * {@code state} are plain JSON data here; {@link io.transports.crdt} reads them.
 */
public record CrdtSnapshot(long id, String type, long rev, Value value, JsonNode spec, JsonNode state) implements Message {
    public CrdtSnapshot {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(state, "state");
    }

    @Override public String t() { return "crdt_snapshot"; }
}
