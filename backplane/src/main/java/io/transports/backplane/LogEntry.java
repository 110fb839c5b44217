package io.transports.backplane;

import io.transports.patch.Patch;
import java.util.Objects;

/**
 * One entry of a model's log: the patch (its revision is the entry's id) and an optional note the writer
 * stores beside it, opaque to the backplane (a hub's replication keeps there the write and its origin
 * that the patch came from, so other processes can replay the merge). Null note: a plain patch.
 */
public record LogEntry(Patch patch, String note) {
    public LogEntry {
        Objects.requireNonNull(patch, "patch");
        if (note != null && note.isEmpty()) note = null;
    }

    public long rev() { return patch.rev(); }
}
