/**
 * Merge strategies for shared models: how a hub reconciles concurrent writes into one authoritative
 * value ({@link io.transports.merge.MergeStrategy}, stamped by {@link io.transports.merge.Stamp}).
 */
package io.transports.merge;
