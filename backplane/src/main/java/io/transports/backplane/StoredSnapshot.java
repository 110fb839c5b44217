package io.transports.backplane;

import io.transports.value.Value;
import java.util.Objects;

/** A model's value at a revision, as a backplane stores it beside the model's log. */
public record StoredSnapshot(String type, long rev, Value value) {
    public StoredSnapshot {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (rev < 0) throw new IllegalArgumentException("rev must be >= 0, got " + rev);
    }
}
