package io.transports.crdt;

import io.transports.patch.Patch;
import java.util.List;

/**
 * What applying operations did to the materialised value: a positional {@link Patch} (revision 0) from
 * the value before to the value after, the identity-preserving {@code deltas} of the operations that
 * changed the value, and how many operations were new ({@code applied}; duplicates do not count).
 */
public record CrdtEffect(Patch patch, List<CrdtDelta> deltas, int applied) {
    public CrdtEffect { deltas = List.copyOf(deltas); }
}
