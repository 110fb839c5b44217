package io.transports;

import io.transports.patch.Patch;
import io.transports.value.Value;
import java.util.List;

/**
 * Orders a session's revisions with other processes that serve the same models (a backplane).
 *
 * <p>Before a {@link Session} emits a patch (a host change, an accepted proposal, a {@code set}) it asks
 * its sequencer to claim that revision. When another process claimed it first, the sequencer returns
 * the patches made elsewhere; the session adopts them and makes its change again against the new state
 * (a proposal is re-applied and re-validated; a host change is diffed again). Called under the
 * session's lock, so a sequencer must not call back into the session.
 */
public interface Sequencer {
    /**
     * Claim {@code patch.rev()} for model {@code id}. {@code type} and {@code base} (the model's type
     * name and its value at {@code patch.rev() - 1}) let a backplane that lost its stored state (a
     * store restarted without its data) re-create it from this process.
     *
     * @return null when the revision is now this session's; otherwise the patches after
     *         {@code patch.rev() - 1} that others made (at least one), in order, to adopt before retrying.
     *         When the log no longer holds them all, the first may be one {@code Set} at the root (the
     *         stored snapshot) whose revision jumps past the missing ones.
     */
    List<Patch> claim(long id, String type, Value base, Patch patch);

    /**
     * The patches after {@code sinceRev} up to {@code upToRev} from a log beyond the session's own (for a
     * client resuming from a revision this process never saw), or null when none reaches back that far.
     */
    default List<Patch> history(long id, long sinceRev, long upToRev) { return null; }
}
