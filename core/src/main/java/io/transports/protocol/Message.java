package io.transports.protocol;

/**
 * One logical message of the wire (PROTOCOL.md "Messages"); the {@code t} field says which.
 * A codec turns each into one frame.
 */
public sealed interface Message permits Snapshot, PatchMessage, Reject, UnknownMessage {
    /** The {@code t} tag: snapshot, patch, reject, or whatever an unknown message carried. */
    String t();
}
