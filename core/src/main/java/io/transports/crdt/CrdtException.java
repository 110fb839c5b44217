package io.transports.crdt;

/**
 * A CRDT spec, operation or state that cannot be used: an invalid spec, an operation whose path does
 * not fit the spec, a reused dot with other content, a state from another spec. The message says what
 * and where; the document that refused it is unchanged.
 */
public class CrdtException extends IllegalArgumentException {
    public CrdtException(String message) { super(message); }

    public CrdtException(String message, Throwable cause) { super(message, cause); }
}
