package io.transports.codec;

/**
 * A frame that cannot be decoded or a message that cannot be encoded. The message says where (a field
 * path such as {@code patch.ops[2].Move.from}) and why; no parser exception or runtime error of the
 * machinery underneath ever escapes a codec in another form.
 */
public class CodecException extends IllegalArgumentException {
    public CodecException(String message) { super(message); }

    public CodecException(String message, Throwable cause) { super(message, cause); }
}
