/**
 * Merge strategies for shared models: how a hub reconciles concurrent writes into one authoritative
 * value ({@link io.transports.merge.MergeStrategy}, stamped by {@link io.transports.merge.Stamp}).
 *
 * <p>{@link io.transports.merge.LastWriteWins} (arrival order), {@link io.transports.merge.LwwMap} (a
 * register per top-level key, the Python reference's rules), {@link io.transports.merge.DeepLww} (a
 * register at every map path) and {@link io.transports.merge.SequenceCrdt} (an ordered list or text
 * where concurrent inserts all survive). Rules, the stamp and each state's saved form:
 * docs/protocol.md "Merge strategies". A strategy instance belongs to one shared model and is not
 * thread-safe: the hub calls it for one write at a time.
 */
package io.transports.merge;
