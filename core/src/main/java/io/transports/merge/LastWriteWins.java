package io.transports.merge;

import io.transports.patch.Apply;
import io.transports.patch.Patch;
import io.transports.value.Value;

/**
 * Applies every write as it arrives, ignoring its stamp: the order the hub receives writes in decides
 * the value (the reference's {@code LastWriteWins}, and what a single {@code Session} does). It does
 * not converge — two hubs that receive the same two conflicting writes in opposite orders keep
 * different values — and it keeps no state.
 */
public final class LastWriteWins implements MergeStrategy {

    @Override public Value merge(Value current, Patch write, Stamp stamp) {
        return Apply.apply(current, write);
    }

    @Override public boolean converges() { return false; }

    @Override public String toString() { return "LastWriteWins"; }
}
