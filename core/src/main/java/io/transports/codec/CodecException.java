package io.transports.codec;

/** A frame that cannot be decoded or a message that cannot be encoded; the message says where and why. */
public class CodecException extends IllegalArgumentException {
    public CodecException(String message) { super(message); }

    public CodecException(String message, Throwable cause) { super(message, cause); }
}
