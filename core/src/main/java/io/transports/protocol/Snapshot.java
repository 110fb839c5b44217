package io.transports.protocol;

import io.transports.value.Value;
import java.util.Objects;

/** {@code {"t":"snapshot","id":1,"type":"Device","rev":0,"value":V}}: (re)initialises a mirror of one model. */
public record Snapshot(long id, String type, long rev, Value value) implements Message {
    public Snapshot {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }
    @Override public String t() { return "snapshot"; }
}
