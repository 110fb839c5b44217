package io.transports;

import io.transports.patch.Patch;
import java.util.List;

/**
 * Orders a {@link Hub}'s shared-model revisions with other processes serving the same models (a
 * backplane), as {@link Sequencer} does for a {@link Session}.
 *
 * <p>Before a hub emits a merged write of a shared model it claims that revision with the entry (the
 * patch and the write that made it). When another process claimed it first, the sequencer returns the
 * entries made elsewhere; the hub adopts them (replaying each write through the model's merge strategy,
 * so the strategy's stamps stay the same in every process), merges its own write again against the new
 * value, and claims the next revision. Called under the hub's lock: it must not call back into the hub.
 * CRDT-backed shared models ({@link Hub#shareCrdt}) are not sequenced.
 */
public interface SharedSequencer {
    /**
     * Claim {@code entry.patch().rev()} for shared model {@code id}. {@code before} is the model's state
     * at the revision before (value and the strategy's state before this write), for a backplane that
     * lost its stored state to re-create it from this process.
     *
     * @return null when the revision is now this hub's; otherwise the entries from
     *         {@code entry.patch().rev()} on that other processes logged (at least one), in order
     */
    List<SharedEntry> claim(long id, SharedEntry entry, SharedState before);

    /**
     * The patches after {@code sinceRev} up to {@code upToRev} from a log beyond the hub's own (for a
     * client resuming from a revision this hub's log does not reach), or null when none reaches back.
     */
    default List<Patch> history(long id, long sinceRev, long upToRev) { return null; }
}
