/**
 * Schema-directed CRDT documents (docs/protocol.md "CRDT documents"): a {@link io.transports.crdt.CrdtSpec}
 * says per field how concurrent edits merge (register, map, keyed set, sequence as list or string), and a
 * {@link io.transports.crdt.CrdtDocument} is one replica that applies causally identified operations in
 * any order, any number of times, and converges with every other replica on the same value and the same
 * state bytes as the reference reducer of the Python {@code transports} package 0.10.0. Java types declare
 * a spec with the annotations here ({@link io.transports.crdt.CrdtSequence}, {@link io.transports.crdt.CrdtMap},
 * {@link io.transports.crdt.CrdtSet}); {@link io.transports.bridge.CrdtSpecs#of(Class)} derives it.
 */
package io.transports.crdt;
