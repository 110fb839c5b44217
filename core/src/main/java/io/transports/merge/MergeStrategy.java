package io.transports.merge;

import io.transports.patch.Patch;
import io.transports.value.MapValue;
import io.transports.value.Value;

/**
 * How a write to a shared model is reconciled into its authoritative value.
 *
 * <p>A hub keeps one strategy instance per shared model (strategies may hold state, e.g. the stamps
 * of the writes they have kept). {@link #merge} gets the current authoritative value, the writer's
 * patch and the write's {@link Stamp}, and returns the new value; the hub diffs the two to produce
 * the patch every subscriber receives, so a strategy never builds wire patches itself.
 *
 * <p>{@link #state()} and {@link #restore} carry the strategy's own metadata (its clock) as a plain
 * {@link Value}, so a model can be saved and restored, or handed to a joining process, together with
 * its value and revision. The wire/storage form of each strategy's state is documented in
 * docs/protocol.md ("Merge strategies").
 */
public interface MergeStrategy {

    /**
     * Returns the value after reconciling {@code write} into {@code current}. Never mutates
     * {@code current}. Throws {@link io.transports.patch.PatchException} when the write cannot apply
     * at all (the hub refuses it to the writer alone, naming the path and the reason).
     */
    Value merge(Value current, Patch write, Stamp stamp);

    /** The strategy's metadata, to save or hand over; stateless strategies return an empty map. */
    default Value state() { return MapValue.EMPTY; }

    /** Adopts metadata produced by {@link #state()} (restore from a checkpoint or catch-up). */
    default void restore(Value state) { }

    /** Whether every delivery order of the same writes ends in the same value. */
    boolean converges();
}
