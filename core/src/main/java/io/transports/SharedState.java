package io.transports;

import io.transports.value.Value;
import java.util.Objects;

/**
 * Everything needed to bring a hub's shared model back after a restart, or to hand it to another
 * process: its id (clients hold it, so a restored model keeps it), the type name its snapshots carry,
 * its value and revision, and its merge strategy's own state ({@link io.transports.merge.MergeStrategy#state}).
 * Made by {@link Hub#snapshotShared}, given to {@link Hub#onSharedWrite} hooks, restored by
 * {@link Hub#share(SharedState, io.transports.merge.MergeStrategy)}.
 */
public record SharedState(long id, String type, Value value, long rev, Value strategyState) {
    public SharedState {
        if (id < Hub.SHARED_ID_BASE) throw new IllegalArgumentException("a shared model id is at least 2^40, got " + id);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(strategyState, "strategyState");
        if (rev < 0) throw new IllegalArgumentException("rev must be non-negative, got " + rev);
    }
}
