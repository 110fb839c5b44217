/**
 * Ops and patches (docs/protocol.md "Patch and operations"): diff two values, apply a patch atomically.
 *
 * <p>{@link io.transports.patch.Apply} performs ops on private drafts and either returns the new value
 * or throws a {@link io.transports.patch.PatchException} such as
 * {@code op 2 (RemoveAt) at items: index 5 out of range for a list of 3}. Choices where the shared protocol is
 * silent, pinned in spec/apply.json: Set at a list index replaces and refuses an index at or past the
 * end (Insert adds); Remove of an absent key is refused ("missing key"); a negative index is "out of
 * range"; Reorder [] of an empty list and Move f to f are no-ops.
 *
 * <p>{@link io.transports.patch.Diff} emits deterministic ops: map keys in wire order; in lists, a
 * pure insertion or deletion between a common prefix and suffix becomes Inserts or RemoveAts at that
 * spot (so prepending is one Insert), one moved element is one Move, other moved elements become Moves
 * while there are at most one per 8 elements and 16 in all (beyond that a permutation is one Reorder,
 * and a mixed change falls back to positional ops), and ops that would rewrite every element of the
 * new list whole collapse into one Set of the list. Truncation removes from the end backwards.
 */
package io.transports.patch;
