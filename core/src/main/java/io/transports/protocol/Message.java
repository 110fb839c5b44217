package io.transports.protocol;

/**
 * One logical message of the wire (docs/protocol.md "Message kinds"); the {@code t} field says which.
 * A codec turns each into one frame.
 */
public sealed interface Message permits Snapshot, PatchMessage, Reject, Ack, Awareness, UnknownMessage, Batch, CrdtSnapshot, CrdtMessage {
    /** The {@code t} tag: snapshot, patch, reject, ack, awareness, batch, crdt_snapshot, crdt, or whatever an unknown message carried. */
    String t();
}
