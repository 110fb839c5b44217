package io.transports;

import io.transports.patch.Op;
import io.transports.value.Value;
import java.util.List;

/**
 * A change a {@link Client} accepted: a snapshot (kind "snapshot", no ops) or a patch (kind "patch",
 * its ops), with the model's revision and value afterwards. Views use the ops to update only what changed.
 */
public record Change(long id, String kind, long rev, List<Op> ops, Value value) {
    public Change {
        ops = List.copyOf(ops);
    }

    public boolean isSnapshot() { return kind.equals("snapshot"); }
}
